-- A key's running total and last use move out of api_keys into a narrow table of their own, and usage rows no
-- longer carry a foreign key to api_keys. Both made every usage flush write to api_keys: an update per key used,
-- and, through the foreign key check (which locks the referenced row, writing its header), one more. With tens of
-- thousands of keys used between flushes that dirtied as many random pages of a large table (a full-page image in
-- the WAL for each, the first time after a checkpoint), and lookups of other keys stalled behind the evictions and
-- WAL flushes (docs/PERFORMANCE.md, cold lookups). Activity rows are small and a flush now touches only them and
-- the usage table. Keys are never deleted (revocation keeps the row), so usage and activity cannot outlive one.

create table api_key_activity (
    key_id         varchar(8)  primary key,
    total_requests bigint      not null check (total_requests >= 0),
    last_used_at   timestamptz not null
);

insert into api_key_activity (key_id, total_requests, last_used_at)
select key_id, total_requests, coalesce(last_used_at, updated_at)
from api_keys
where total_requests > 0 or last_used_at is not null;

alter table api_keys drop column total_requests, drop column last_used_at;

alter table api_key_usage drop constraint api_key_usage_key_id_fkey;
