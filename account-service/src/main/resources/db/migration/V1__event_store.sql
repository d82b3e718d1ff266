-- account-service's event store: Axon's JDBC engine with its default table and column names (see
-- io.eventbank.account.config.AxonInfrastructure). Payloads and metadata are Jackson JSON in text columns, readable
-- with plain SQL; the global index is a sequence with increment 1 (no pooled optimiser, so no reordering).

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

-- The positions of the streaming processors (the Kafka publisher), in the same database as the events.
create table tokenentry (
    processorname  varchar(255) not null,
    segment        integer      not null,
    token          bytea,
    tokentype      varchar(255),
    "timestamp"    varchar(255),
    owner          varchar(255),
    primary key (processorname, segment)
);
