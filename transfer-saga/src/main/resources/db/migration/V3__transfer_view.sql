-- One transfer request per idempotency key, written in the transaction that starts the transfer.
create table transfer_request (
    idempotency_key  varchar(200) primary key,
    transfer_id      varchar(100) not null unique,
    request_hash     char(64)     not null,
    created_at       timestamptz  not null
);

-- The service's own view of its transfers, written in the transaction that appends their events.
create table transfer_view (
    transfer_id      varchar(100) primary key,
    direction        varchar(16)  not null,
    idempotency_key  varchar(200),
    debtor_iban      varchar(34)  not null,
    creditor_iban    varchar(34)  not null,
    amount           bigint       not null,
    currency         char(3)      not null,
    reference        varchar(140),
    interbank        boolean      not null,
    status           varchar(20)  not null,
    failure_reason   varchar(40),
    version          bigint       not null,
    created_at       timestamptz  not null,
    updated_at       timestamptz  not null
);
create index transfer_view_open on transfer_view (status) where status not in ('COMPLETED', 'FAILED');

create table transfer_timeline (
    transfer_id  varchar(100) not null,
    seq          bigint       not null,
    type         varchar(60)  not null,
    at           timestamptz  not null,
    detail       varchar(200),
    primary key (transfer_id, seq)
);
