-- Deadlines are kept as JSON (db-scheduler's JacksonSerializer), never again with Java serialization, which would run
-- whatever a row written by anyone with access to the database asks for. A deadline written the old way is converted
-- when the service starts (io.eventbank.transfer.config.LegacyDeadlines), reading nothing but the one class a
-- deadline is; a row that is anything else is moved here, with the reason, and never read. (A conversion before V4,
-- on a database an older release left, makes this table itself, the same way.)
create table if not exists quarantined_task (
    task_name      text        not null,
    task_instance  text        not null,
    task_data      bytea,
    execution_time timestamptz,
    reason         text        not null,
    quarantined_at timestamptz not null default now(),
    primary key (task_name, task_instance)
);
