-- Accounts own keys and projects. Every rule a row must obey is stated here as well as in Java,
-- so a bug or a manual fix cannot store what the gateway would misread.

create table accounts (
    id                    uuid         primary key,
    name                  varchar(200) not null check (length(btrim(name)) > 0),
    plan                  varchar(32)  not null check (plan in ('free', 'pro', 'enterprise')),
    rate_limit_per_minute integer      check (rate_limit_per_minute > 0),
    created_at            timestamptz  not null,
    updated_at            timestamptz  not null,
    -- Enterprise has no plan-wide figure: the account's own is its limit.
    constraint accounts_enterprise_has_limit check (plan <> 'enterprise' or rate_limit_per_minute is not null)
);

create table api_keys (
    id                    uuid         primary key,
    -- The first 8 characters of the key body: the only part of a key ever shown again.
    key_id                varchar(8)   not null unique check (key_id ~ '^[0-9A-Za-z]{8}$'),
    -- SHA-256 of the whole key; the key itself is never stored.
    key_hash              bytea        not null unique check (octet_length(key_hash) = 32),
    account_id            uuid         not null references accounts (id),
    name                  varchar(200) not null check (length(btrim(name)) > 0),
    environment           varchar(4)   not null check (environment in ('test', 'live')),
    permissions           text[]       not null default '{}'
        check (array_position(permissions, null) is null
               and array_to_string(permissions, ',') ~ '^([a-z]+:[a-z]+(,|$))*$'),
    rate_limit_per_minute integer      check (rate_limit_per_minute > 0),
    created_at            timestamptz  not null,
    updated_at            timestamptz  not null,
    last_used_at          timestamptz,
    expires_at            timestamptz  check (expires_at > created_at),
    revoked_at            timestamptz
);

create index api_keys_account on api_keys (account_id, created_at);

create table projects (
    id          uuid         primary key,
    account_id  uuid         not null references accounts (id),
    name        varchar(200) not null check (length(btrim(name)) > 0),
    description varchar(2000),
    domain      varchar(253),
    status      varchar(16)  not null default 'active' check (status in ('active', 'archived')),
    created_at  timestamptz  not null,
    updated_at  timestamptz  not null
);

create index projects_account on projects (account_id, created_at, id);
