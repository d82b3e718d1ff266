-- Transfers within one bank, booked by account-service alone (one transaction debits the payer and credits the
-- payee). A row is claimed first, in the booking's transaction, under the caller's key (the gateway scopes it to the
-- caller): a retry, even a concurrent one that waits on the key's unique index, finds the transfer it made, and the
-- same key with another request is refused. The row answers for the transfer until the ledger shows it.
create table transfer_booking (
    transfer_id     varchar(64)   primary key,
    caller_key      varchar(400)  unique,
    debtor_iban     varchar(34)   not null,
    creditor_iban   varchar(34)   not null,
    amount          bigint        not null,
    currency        char(3)       not null,
    reference       varchar(1000),
    status          varchar(16)   not null,
    failure_reason  varchar(40),
    version         bigint        not null,
    -- where its events are: the payer's (the debit or the refusal) and the payee's (the credit), by sequence
    payer_sequence  bigint,
    payee_sequence  bigint,
    correlation_id  varchar(200),
    booked_at       timestamptz   not null default now()
);
