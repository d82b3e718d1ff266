-- transfer-saga's event store: Axon's JDBC engine with its default table and column names. Payloads and metadata are
-- Jackson JSON in text columns; the global index is a sequence with increment 1. The inbox of account events lives
-- here too: each is appended under its own event id, which is unique, so a redelivered one is refused.

create table domainevententry (
    globalindex          bigserial    primary key,
    aggregateidentifier  varchar(255) not null,
    sequencenumber       bigint       not null,
    type                 varchar(255),
    eventidentifier      varchar(255) not null unique,
    metadata             text,
    payload              text         not null,
    payloadrevision      varchar(255),
    payloadtype          varchar(255) not null,
    "timestamp"          varchar(255) not null,
    unique (aggregateidentifier, sequencenumber)
);

create table snapshotevententry (
    aggregateidentifier  varchar(255) not null,
    sequencenumber       bigint       not null,
    type                 varchar(255) not null,
    eventidentifier      varchar(255) not null unique,
    metadata             text,
    payload              text         not null,
    payloadrevision      varchar(255),
    payloadtype          varchar(255) not null,
    "timestamp"          varchar(255) not null,
    primary key (aggregateidentifier, sequencenumber)
);

create table tokenentry (
    processorname  varchar(255) not null,
    segment        integer      not null,
    token          bytea,
    tokentype      varchar(255),
    "timestamp"    varchar(255),
    owner          varchar(255),
    primary key (processorname, segment)
);
