-- The records of the dead-letter topics (<topic>.dlq) that an operator has re-driven to their topic, so that the
-- list shows them as done and "re-drive all" sends each one once.
create table redriven_dead_letter (
    id           varchar(200) primary key,
    redriven_at  timestamptz  not null default now()
);
