-- The Migma v1 resources behind the gateway. Contacts, tags, segments, templates and sends belong to a project
-- (and through it to an account); webhooks belong to an account, as Migma's SDK creates them without a project.

create table contacts (
    id              uuid         primary key,
    project_id      uuid         not null references projects (id),
    -- Stored lower-cased: one contact per address per project, however a client spells it.
    email           varchar(254) not null check (email = lower(email) and email ~ '^[^@\s]+@[^@\s]+$'),
    first_name      varchar(200),
    last_name       varchar(200),
    phone           varchar(40),
    country         varchar(2)   check (country ~ '^[A-Z]{2}$'),
    language        varchar(35),
    -- Tag names, as the SDK sends and reads them; a tag's subscriberCount counts the contacts carrying its name.
    tags            text[]       not null default '{}' check (array_position(tags, null) is null),
    custom_fields   jsonb        not null default '{}' check (jsonb_typeof(custom_fields) = 'object'),
    status          varchar(16)  not null
        check (status in ('subscribed', 'unsubscribed', 'bounced', 'non-subscribed')),
    unsubscribed_at timestamptz,
    created_at      timestamptz  not null,
    updated_at      timestamptz  not null,
    constraint contacts_one_per_email unique (project_id, email)
);

create index contacts_project_created on contacts (project_id, created_at desc, id);
create index contacts_tags on contacts using gin (tags);

create table tags (
    id          uuid         primary key,
    project_id  uuid         not null references projects (id),
    name        varchar(100) not null check (length(btrim(name)) > 0),
    color       varchar(7)   not null check (color ~ '^#[0-9A-F]{6}$'),
    description varchar(500) not null default '',
    created_at  timestamptz  not null,
    updated_at  timestamptz  not null
);

create unique index tags_one_per_name on tags (project_id, lower(name));

create table segments (
    id          uuid         primary key,
    project_id  uuid         not null references projects (id),
    name        varchar(200) not null check (length(btrim(name)) > 0),
    description varchar(500) not null default '',
    filters     jsonb        not null default '{}' check (jsonb_typeof(filters) = 'object'),
    created_at  timestamptz  not null,
    updated_at  timestamptz  not null
);

create index segments_project on segments (project_id, created_at, id);

create table templates (
    id         uuid         primary key,
    project_id uuid         not null references projects (id),
    name       varchar(200) not null check (length(btrim(name)) > 0),
    subject    varchar(500) not null default '',
    html       text         not null,
    created_at timestamptz  not null,
    updated_at timestamptz  not null
);

create index templates_project on templates (project_id, created_at, id);

create table send_batches (
    id              uuid         primary key,
    project_id      uuid         not null references projects (id),
    recipient_type  varchar(8)   not null check (recipient_type in ('email', 'audience', 'segment', 'tag')),
    recipient_id    varchar(64),
    from_address    varchar(254) not null,
    from_name       varchar(200) not null,
    subject         varchar(500) not null,
    template_id     uuid         references templates (id),
    template        text,
    variables       jsonb        not null default '{}',
    provider        varchar(16)  not null default 'migma',
    status          varchar(16)  not null check (status in ('queued', 'processing', 'completed', 'failed')),
    total_count     integer      not null check (total_count >= 0),
    created_at      timestamptz  not null,
    updated_at      timestamptz  not null,
    constraint send_batches_has_template check (template_id is not null or template is not null)
);

create index send_batches_project on send_batches (project_id, created_at desc, id);

create table send_messages (
    id         uuid         primary key,
    batch_id   uuid         not null references send_batches (id),
    contact_id uuid         references contacts (id) on delete set null,
    email      varchar(254) not null,
    status     varchar(16)  not null check (status in ('queued', 'sent', 'failed')),
    created_at timestamptz  not null
);

create index send_messages_batch on send_messages (batch_id, status);

create table webhooks (
    id                uuid          primary key,
    account_id        uuid          not null references accounts (id),
    url               varchar(2048) not null,
    events            text[]        not null check (cardinality(events) > 0),
    active            boolean       not null default true,
    -- The signing secret must be readable to sign deliveries; it is shown to the client only when created.
    secret            varchar(80)   not null,
    description       varchar(500)  not null default '',
    success_count     bigint        not null default 0,
    failure_count     bigint        not null default 0,
    last_triggered_at timestamptz,
    created_at        timestamptz   not null,
    updated_at        timestamptz   not null
);

create index webhooks_account on webhooks (account_id, created_at, id);

-- An outbox: a delivery row is written in the transaction of the change it reports, so an event exists exactly
-- when the change does and survives a restart until it is delivered or has used its attempts.
create table webhook_deliveries (
    id              uuid         primary key,
    webhook_id      uuid         not null references webhooks (id) on delete cascade,
    event_id        uuid         not null,
    event_type      varchar(64)  not null,
    payload         text         not null,
    status          varchar(16)  not null check (status in ('pending', 'succeeded', 'failed')),
    attempts        integer      not null default 0,
    next_attempt_at timestamptz,
    last_attempt_at timestamptz,
    response_status integer,
    response_body   varchar(1024),
    error           varchar(500),
    created_at      timestamptz  not null
);

create index webhook_deliveries_due on webhook_deliveries (next_attempt_at) where status = 'pending';
create index webhook_deliveries_webhook on webhook_deliveries (webhook_id, created_at desc);
