-- The service's own view of its accounts, written in the transaction that appends their events.
create table account_view (
    iban             varchar(34)  primary key,
    owner            varchar(200) not null,
    bank_code        varchar(8)   not null,
    currency         char(3)      not null,
    balance          bigint       not null,
    overdraft_limit  bigint       not null,
    status           varchar(16)  not null,
    type             varchar(16)  not null,
    version          bigint       not null,
    opened_at        timestamptz  not null,
    updated_at       timestamptz  not null
);

-- Customer account numbers; the range from 9,000,000,000 belongs to the banks themselves (clearing accounts).
create sequence account_number_seq start with 1000000 maxvalue 8999999999;
