-- Topics: what a contact may subscribe to within a project (the SDK's topics resource). A topic with
-- default_subscription opt_in reaches only contacts subscribed to it; opt_out reaches every contact who has not
-- unsubscribed from it. A contact's choice is a row of topic_subscriptions.
create table topics (
    id                    uuid          primary key,
    project_id            uuid          not null references projects (id),
    name                  varchar(100)  not null check (length(btrim(name)) > 0),
    description           varchar(500)  not null default '',
    default_subscription  varchar(8)    not null check (default_subscription in ('opt_in', 'opt_out')),
    visibility            varchar(8)    not null check (visibility in ('public', 'private')),
    display_order         integer       not null default 0,
    is_active             boolean       not null default true,
    created_at            timestamptz   not null,
    updated_at            timestamptz   not null
);

create unique index topics_project_name on topics (project_id, lower(name));

create table topic_subscriptions (
    topic_id    uuid         not null references topics (id) on delete cascade,
    contact_id  uuid         not null references contacts (id) on delete cascade,
    subscribed  boolean      not null,
    updated_at  timestamptz  not null,
    primary key (topic_id, contact_id)
);

create index topic_subscriptions_contact on topic_subscriptions (contact_id);
