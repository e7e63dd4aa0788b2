-- Headers a webhook's owner asked to be sent with each delivery (the SDK's customHeaders), name → value.
alter table webhooks add column custom_headers jsonb not null default '{}'
    check (jsonb_typeof(custom_headers) = 'object');
