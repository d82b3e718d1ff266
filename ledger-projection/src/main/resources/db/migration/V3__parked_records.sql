-- A record that a read model could not apply is parked here, in the transaction that moves the model's offset past it,
-- so that no read model skips an event silently: health (wellness) and the verification report every parked record of
-- a live generation until it is re-driven (applied after a fix) or a replay rebuilds the model without it.
create table parked_record (
    projection    varchar(40)  not null,
    generation    int          not null,
    topic         varchar(100) not null,
    partition     int          not null,
    kafka_offset  bigint       not null,
    event_id      varchar(100),
    type          varchar(200),
    aggregate_id  varchar(100),
    reason        text         not null,
    parked_at     timestamptz  not null default now(),
    primary key (projection, generation, topic, partition, kafka_offset)
);
