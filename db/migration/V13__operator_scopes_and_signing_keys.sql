-- Operators define scopes of their own for the services the gateway fronts (orders:read, billing-v2:write), so a
-- stored scope may hold digits, - and _ as well; still resource:action, still no nulls.
alter table api_keys drop constraint api_keys_permissions_check;
alter table api_keys add constraint api_keys_permissions_check
    check (array_position(permissions, null) is null
           and array_to_string(permissions, ',') ~ '^([a-z][a-z0-9_-]*:[a-z][a-z0-9_-]*(,|$))*$');

-- The public halves of the keys that sign the assertions upstreams receive (docs/PROXY.md). Each instance makes
-- its own key pair and keeps the private half in memory only; publishing the public half here lets any instance
-- serve every instance's keys at /.well-known/jwks.json.
create table proxy_signing_keys (
    kid         text        primary key check (length(kid) between 1 and 100),
    public_jwk  jsonb       not null check (jsonb_typeof(public_jwk) = 'object'),
    created_at  timestamptz not null,
    retire_at   timestamptz not null check (retire_at > created_at)
);
create index proxy_signing_keys_retire_at on proxy_signing_keys (retire_at);
