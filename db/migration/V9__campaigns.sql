-- Campaigns: a generated email sent to a project's audience or tag (and, with topic_id, only to the topic's
-- members), now or at scheduled_at. The SDK's status union is allowed whole, though the gateway moves only through
-- draft, scheduled, sending, sent, failed and cancelled. The sending itself is a send_batches row (batch_id),
-- recorded by the campaign's timed job.
create table campaigns (
    id                    uuid          primary key,
    project_id            uuid          not null references projects (id),
    name                  varchar(200)  not null check (length(btrim(name)) > 0),
    conversation_id       uuid          not null references conversations (id),
    subject               varchar(500)  not null,
    preheader_text        varchar(500),
    from_address          varchar(254)  not null,
    from_name             varchar(200)  not null,
    reply_to              varchar(254),
    recipient_type        varchar(8)    not null check (recipient_type in ('audience', 'tag')),
    recipient_id          varchar(64)   not null,
    -- No foreign key: deleting a topic must stay possible; a campaign whose topic is gone fails when it sends.
    topic_id              uuid,
    estimated_recipients  integer       check (estimated_recipients >= 0),
    provider              varchar(16)   not null,
    variables             jsonb,
    status                varchar(16)   not null check (status in ('draft', 'scheduled', 'sending', 'throttled',
                                                                  'ab_testing', 'sent', 'failed', 'cancelled')),
    scheduled_at          timestamptz,
    scheduled_timezone    varchar(64),
    batch_id              uuid          references send_batches (id),
    sent_at               timestamptz,
    completed_at          timestamptz,
    error                 varchar(500),
    triggered_by          varchar(16)   not null default 'api'
                                        check (triggered_by in ('manual', 'api', 'automation')),
    created_at            timestamptz   not null,
    updated_at            timestamptz   not null
);

create index campaigns_project on campaigns (project_id, created_at desc, id);
create index campaigns_project_status on campaigns (project_id, status, created_at desc, id);
