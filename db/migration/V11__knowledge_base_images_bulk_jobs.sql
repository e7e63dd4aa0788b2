-- A project's brand material (the SDK's knowledgeBase and images), the asynchronous bulk import of contacts, and
-- the SDK's "complained" contact status.

-- What Migma's AI is told about a brand, entry by entry; an entry's "date" is its updated_at.
create table knowledge_base_entries (
    id          uuid          primary key,
    project_id  uuid          not null references projects (id),
    title       varchar(200)  not null check (length(btrim(title)) > 0),
    content     text          not null check (length(btrim(content)) > 0 and length(content) <= 20000),
    created_at  timestamptz   not null,
    updated_at  timestamptz   not null
);

create index knowledge_base_entries_project on knowledge_base_entries (project_id, created_at, id);

-- A project's images are named by their URL: one row per URL per project. Nothing is fetched.
create table project_images (
    project_id   uuid           not null references projects (id),
    url          varchar(2048)  not null check (url ~ '^https?://'),
    description  varchar(1000),
    tags         text[]         not null default '{}' check (array_position(tags, null) is null),
    created_at   timestamptz    not null,
    updated_at   timestamptz    not null,
    primary key (project_id, url)
);

create index project_images_project on project_images (project_id, created_at);

-- A bulk import above the synchronous limit: the subscribers as sent, imported a chunk per step. "processed" and
-- the counts advance in the step's transaction with the contacts of its chunk, so a step cut short is redone whole
-- and once. The payload is dropped once the import has finished.
create table contact_import_jobs (
    id              uuid         primary key,
    account_id      uuid         not null references accounts (id),
    project_id      uuid         not null references projects (id),
    status          varchar(16)  not null check (status in ('pending', 'processing', 'completed', 'failed')),
    total_contacts  integer      not null check (total_contacts > 0),
    processed       integer      not null default 0 check (processed between 0 and total_contacts),
    added           integer      not null default 0,
    updated         integer      not null default 0,
    failed          integer      not null default 0,
    errors          jsonb        not null default '[]' check (jsonb_typeof(errors) = 'array'),
    error           varchar(500),
    payload         jsonb        check (payload is null or jsonb_typeof(payload) = 'array'),
    created_at      timestamptz  not null,
    completed_at    timestamptz,
    constraint contact_import_jobs_finished check ((status in ('completed', 'failed')) = (completed_at is not null))
);

create index contact_import_jobs_account on contact_import_jobs (account_id, created_at);

-- The SDK's Contact.status names "complained" (a spam complaint): stored as such, never sent to.
alter table contacts drop constraint contacts_status_check;
alter table contacts add constraint contacts_status_check
    check (status in ('subscribed', 'unsubscribed', 'bounced', 'non-subscribed', 'complained'));
