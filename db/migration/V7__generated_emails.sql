-- Migma's asynchronous work, emulated: project imports, email generation, previews and the delivery of batches
-- advance through the SDK's statuses, step by step, driven by timed_jobs (jobs/JobRunner).

-- Work that advances in steps. A row is claimed with FOR UPDATE SKIP LOCKED, so of several instances exactly one
-- runs a step; a step that fails is tried again later; a finished job's row is deleted.
create table timed_jobs (
    id          uuid         primary key,
    kind        varchar(32)  not null,
    subject_id  uuid         not null,
    step        integer      not null default 0 check (step >= 0),
    due_at      timestamptz  not null,
    attempts    integer      not null default 0,
    last_error  varchar(500),
    created_at  timestamptz  not null,
    unique (kind, subject_id)
);

create index timed_jobs_due on timed_jobs (due_at);

-- Projects: the SDK's status union, and what an import was given and reached.
alter table projects drop constraint projects_status_check;
alter table projects add constraint projects_status_check
    check (status in ('pending', 'processing', 'active', 'error', 'archived'));
alter table projects add column logo_urls jsonb;
alter table projects add column import_urls text[];
alter table projects add column import_stage varchar(64);
alter table projects add column import_percentage integer check (import_percentage between 0 and 100);
alter table projects add column import_error varchar(500);

create index projects_account_status on projects (account_id, status, created_at, id);

-- A generated email: the prompt and options it was asked with, and once completed its result.
create table conversations (
    id            uuid          primary key,
    project_id    uuid          not null references projects (id),
    prompt        text          not null,
    options       jsonb         not null default '{}',
    status        varchar(16)   not null check (status in ('pending', 'processing', 'completed', 'failed')),
    subject       varchar(500),
    preview_text  varchar(500),
    html          text,
    stats         jsonb,
    languages     text[],
    error         varchar(500),
    created_at    timestamptz   not null,
    updated_at    timestamptz   not null,
    constraint conversations_result check (status <> 'completed' or (subject is not null and html is not null))
);

create index conversations_project on conversations (project_id, created_at);

-- Test sends record what would have been mailed; nothing is.
create table test_sends (
    id               uuid          primary key,
    conversation_id  uuid          not null references conversations (id),
    sent_to          varchar(254)  not null,
    subject          varchar(500)  not null,
    sent_at          timestamptz   not null
);

create index test_sends_conversation on test_sends (conversation_id, sent_at);

-- Batches speak the SDK's BatchStatus union and may come from a conversation.
alter table send_batches drop constraint send_batches_status_check;
update send_batches set status = 'pending' where status = 'queued';
alter table send_batches add constraint send_batches_status_check
    check (status in ('pending', 'processing', 'completed', 'failed'));
alter table send_batches add column conversation_id uuid references conversations (id);

-- Exported files, served back at the URLs the export listed.
create table export_files (
    id               uuid          primary key,
    conversation_id  uuid          not null references conversations (id),
    format           varchar(16)   not null,
    filename         varchar(200)  not null,
    content_type     varchar(100)  not null,
    content          bytea         not null,
    created_at       timestamptz   not null
);

create index export_files_conversation on export_files (conversation_id, created_at);

-- Previews: a job per submitted HTML, a row per device with its rendered images.
create table previews (
    id          uuid          primary key,
    account_id  uuid          not null references accounts (id),
    name        varchar(200),
    subject     varchar(500),
    html        text          not null,
    status      varchar(16)   not null check (status in ('PROCESSING', 'COMPLETED', 'PARTIAL_SUCCESS', 'FAILED')),
    created_at  timestamptz   not null,
    updated_at  timestamptz   not null
);

create index previews_account on previews (account_id, created_at);

create table preview_devices (
    preview_id       uuid          not null references previews (id) on delete cascade,
    device_key       varchar(64)   not null,
    status           varchar(16)   not null check (status in ('PROCESSING', 'SUCCESSFUL', 'FAILED')),
    screenshot       bytea,
    thumbnail        bytea,
    processing_time  integer,
    error            varchar(500),
    primary key (preview_id, device_key)
);
