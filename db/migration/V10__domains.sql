-- Sending domains of an account: custom ones, verified by looking their DNS records up, and managed ones
-- (<prefix>.<managed parent>), whose DNS is Migma's and which are verified at once. The DNS records a domain is
-- asked for are computed from it (domains/DnsRecords), so only what a verification found is stored.
create table domains (
    id                uuid          primary key,
    account_id        uuid          not null references accounts (id),
    domain            varchar(253)  not null check (domain = lower(domain) and position('.' in domain) > 1),
    managed           boolean       not null,
    region            varchar(16)   not null check (region in ('us-east-1', 'eu-west-1')),
    status            varchar(16)   not null check (status in ('pending', 'verified', 'failed')),
    -- The last verification's status of each record, by record key ("dkim", "spf", ...); absent: pending.
    record_statuses   jsonb         not null default '{}',
    open_tracking     boolean       not null default true,
    click_tracking    boolean       not null default true,
    branded_tracking  boolean       not null default false,
    verified_at       timestamptz,
    checked_at        timestamptz,
    created_at        timestamptz   not null,
    updated_at        timestamptz   not null,
    constraint domains_verified_since check ((status = 'verified') = (verified_at is not null)),
    constraint domains_managed_verified check (not managed or status = 'verified'),
    -- One account adds a name once; two accounts may both add a custom domain (DNS decides which one sends).
    unique (account_id, domain)
);

create index domains_account on domains (account_id, managed, created_at, domain);

-- A managed name is given out once, whichever account holds it.
create unique index domains_managed_name on domains (domain) where managed;
