-- Usage per key and minute, by outcome, written in batches by the gateway (never one row write per request).
create table api_key_usage (
    key_id        varchar(8)  not null references api_keys (key_id),
    minute        timestamptz not null check (date_trunc('minute', minute) = minute),
    success       bigint      not null default 0 check (success >= 0),
    client_errors bigint      not null default 0 check (client_errors >= 0),
    forbidden     bigint      not null default 0 check (forbidden >= 0),
    rate_limited  bigint      not null default 0 check (rate_limited >= 0),
    server_errors bigint      not null default 0 check (server_errors >= 0),
    primary key (key_id, minute)
);

-- Running total kept beside last_used_at, so key lists need no aggregate over the usage table.
alter table api_keys add column total_requests bigint not null default 0 check (total_requests >= 0);

-- Who did what to which account or key. Never a key's text: keys appear by id only.
create table audit_events (
    id          bigserial    primary key,
    occurred_at timestamptz  not null,
    actor       varchar(100) not null,
    action      varchar(50)  not null,
    account_id  uuid         references accounts (id),
    key_id      varchar(8),
    details     varchar(2000)
);

create index audit_events_account on audit_events (account_id, occurred_at desc, id desc);
create index audit_events_time on audit_events (occurred_at desc, id desc);
