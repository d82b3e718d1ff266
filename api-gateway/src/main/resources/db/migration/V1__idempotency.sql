-- Idempotency keys of creating POSTs: the first request with a key claims it (in progress), its answer is stored
-- when it is done, and a retry with the same key and body gets that answer again.
create table idempotency_key (
    scope         varchar(200) not null,
    key           varchar(200) not null,
    request_hash  char(64)     not null,
    state         varchar(12)  not null,
    status        int,
    body          text,
    location      varchar(400),
    created_at    timestamptz  not null,
    completed_at  timestamptz,
    primary key (scope, key)
);
