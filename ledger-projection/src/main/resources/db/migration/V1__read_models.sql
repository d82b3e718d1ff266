-- ledger-projection's read models. Every table has a generation: the live generation serves queries while a replay
-- rebuilds the next one beside it; projection_state says which generation of each read model is live.

create table projection_state (
    name                varchar(40) primary key,
    live_generation     int         not null,
    replay_generation   int,
    replay_id           varchar(40),
    replay_status       varchar(20),
    replay_started_at   timestamptz,
    replay_finished_at  timestamptz,
    replay_applied      bigint      not null default 0,
    replay_error        text
);
insert into projection_state (name, live_generation) values
    ('accounts', 1), ('statements', 1), ('transfers', 1), ('journal', 1), ('settlements', 1), ('audit', 1);

-- The next offset to apply, per read model, generation and partition: written in the transaction of the rows the
-- records changed, so a record is applied exactly once however often Kafka delivers it.
create table applied_offset (
    projection   varchar(40)  not null,
    generation   int          not null,
    topic        varchar(100) not null,
    partition    int          not null,
    next_offset  bigint       not null,
    last_event_at timestamptz,
    primary key (projection, generation, topic, partition)
);

create table account (
    generation       int          not null,
    iban             varchar(34)  not null,
    owner            varchar(200) not null,
    bank_code        varchar(8)   not null,
    currency         char(3)      not null,
    balance          bigint       not null,
    overdraft_limit  bigint       not null,
    status           varchar(16)  not null,
    type             varchar(16)  not null,
    version          bigint       not null,
    opened_at        timestamptz  not null,
    last_event_at    timestamptz  not null,
    primary key (generation, iban)
);

create table statement_line (
    generation     int          not null,
    iban           varchar(34)  not null,
    sequence       bigint       not null,
    event_id       varchar(64)  not null,
    kind           varchar(20)  not null,
    amount         bigint       not null,
    balance_after  bigint       not null,
    currency       char(3)      not null,
    counterparty   varchar(34),
    reference      varchar(140),
    transfer_id    varchar(100),
    at             timestamptz  not null,
    primary key (generation, iban, sequence)
);

create table transfer (
    generation      int          not null,
    transfer_id     varchar(100) not null,
    direction       varchar(16)  not null,
    debtor_iban     varchar(34)  not null,
    creditor_iban   varchar(34)  not null,
    amount          bigint       not null,
    currency        char(3)      not null,
    reference       varchar(140),
    interbank       boolean      not null,
    status          varchar(20)  not null,
    failure_reason  varchar(40),
    version         bigint       not null,
    created_at      timestamptz  not null,
    updated_at      timestamptz  not null,
    primary key (generation, transfer_id)
);

create table transfer_event (
    generation   int          not null,
    transfer_id  varchar(100) not null,
    sequence     bigint       not null,
    type         varchar(60)  not null,
    at           timestamptz  not null,
    event_id     varchar(64)  not null,
    primary key (generation, transfer_id, sequence)
);

-- The double-entry journal: each money movement as entries that sum to zero. Besides the accounts (by IBAN) it
-- uses 'external:<bank>' (cash in and out through deposits and withdrawals) and 'transit:<transfer id>'.
create table journal_entry (
    generation  int          not null,
    event_id    varchar(64)  not null,
    line        int          not null,
    account     varchar(120) not null,
    currency    char(3)      not null,
    amount      bigint       not null,
    at          timestamptz  not null,
    primary key (generation, event_id, line)
);

-- What each hosted bank owes the others from interbank transfers: the balance of its clearing account per currency.
create table settlement_position (
    generation  int         not null,
    bank_code   varchar(8)  not null,
    currency    char(3)     not null,
    position    bigint      not null,
    version     bigint      not null,
    primary key (generation, bank_code, currency)
);

-- Every event with its metadata, for auditors.
create table audit_event (
    generation      int          not null,
    position        bigserial,
    event_id        varchar(64)  not null,
    type            varchar(200) not null,
    aggregate_id    varchar(100),
    sequence        bigint,
    occurred_at     timestamptz  not null,
    correlation_id  varchar(100),
    causation_id    varchar(100),
    source          varchar(100),
    topic           varchar(100) not null,
    partition       int          not null,
    kafka_offset    bigint       not null,
    iban            varchar(34),
    transfer_id     varchar(100),
    payload         text         not null,
    primary key (generation, event_id)
);
create index audit_event_position on audit_event (generation, position);
create index audit_event_iban on audit_event (generation, iban, position);
create index audit_event_transfer on audit_event (generation, transfer_id, position);
create index audit_event_time on audit_event (generation, occurred_at);
create index statement_line_newest on statement_line (generation, iban, sequence desc);
