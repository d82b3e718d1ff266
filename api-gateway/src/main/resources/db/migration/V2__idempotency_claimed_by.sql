-- Which gateway instance claimed a key, and the instances' heartbeats: a claim whose instance has stopped beating
-- (it died mid-request) is taken over at once by a retry, instead of after the two-minute fallback.
alter table idempotency_key add column claimed_by varchar(40);

create table gateway_instance (
    id            varchar(40) primary key,
    heartbeat_at  timestamptz not null
);
