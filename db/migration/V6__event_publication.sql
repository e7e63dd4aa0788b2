-- Spring Modulith's JDBC event publication registry (its v2 structure for PostgreSQL): a row per event and
-- listener, written in the transaction that publishes the event and completed (here: deleted) once the listener
-- has handled it, so an event whose handling a crash or a failure interrupted is found and handled again.
create table event_publication (
    id                     uuid                     not null primary key,
    listener_id            text                     not null,
    event_type             text                     not null,
    serialized_event       text                     not null,
    publication_date       timestamp with time zone not null,
    completion_date        timestamp with time zone,
    status                 text,
    completion_attempts    int,
    last_resubmission_date timestamp with time zone
);
create index event_publication_serialized_event_hash_idx on event_publication using hash (serialized_event);
create index event_publication_by_completion_date_idx on event_publication (completion_date);

-- A webhook event handled twice (resubmitted while another instance was still handling it) is stored once.
create unique index webhook_deliveries_once on webhook_deliveries (webhook_id, event_id);
