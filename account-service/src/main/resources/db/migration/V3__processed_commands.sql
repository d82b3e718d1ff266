-- Every transfer leg (DEBIT, CREDIT, REFUND by transfer id) and every deposit or withdrawal (OPERATION by operation id)
-- an account handled, accepted or refused, written in the transaction of its effect: a leg or operation that comes
-- again (a redelivery, a retry, a leg re-issued by the saga) finds its row and changes nothing, however much later.
-- outcome_aggregate and outcome_sequence say where the event with the outcome is, to publish it again on request.
create table processed_command (
    iban               varchar(34)  not null,
    kind               varchar(16)  not null,
    command_id         varchar(200) not null,
    accepted           boolean      not null,
    refusal            varchar(40),
    amount             bigint,
    balance_after      bigint       not null,
    outcome_aggregate  varchar(255),
    outcome_sequence   bigint,
    processed_at       timestamptz  not null default now(),
    primary key (iban, kind, command_id)
);

-- The legs and operations handled before this table existed, from the events that recorded them.
insert into processed_command (iban, kind, command_id, accepted, refusal, amount, balance_after, outcome_aggregate,
        outcome_sequence, processed_at)
select payload::jsonb ->> 'iban',
       case payloadtype
           when 'io.eventbank.contracts.account.AccountDebitedEvent' then 'DEBIT'
           when 'io.eventbank.contracts.account.AccountDebitRejectedEvent' then 'DEBIT'
           when 'io.eventbank.contracts.account.AccountCreditedEvent' then 'CREDIT'
           when 'io.eventbank.contracts.account.AccountCreditRejectedEvent' then 'CREDIT'
           when 'io.eventbank.contracts.account.DebitRefundedEvent' then 'REFUND'
           else 'OPERATION' end,
       coalesce(payload::jsonb ->> 'transferId', payload::jsonb ->> 'operationId'),
       payloadtype not like '%RejectedEvent',
       payload::jsonb ->> 'reason',
       (payload::jsonb -> 'amount' ->> 'minorUnits')::bigint,
       coalesce((payload::jsonb ->> 'balanceAfter')::bigint, 0),
       aggregateidentifier,
       sequencenumber,
       "timestamp"::timestamptz
from domainevententry
where payloadtype in ('io.eventbank.contracts.account.AccountDebitedEvent',
                      'io.eventbank.contracts.account.AccountDebitRejectedEvent',
                      'io.eventbank.contracts.account.AccountCreditedEvent',
                      'io.eventbank.contracts.account.AccountCreditRejectedEvent',
                      'io.eventbank.contracts.account.DebitRefundedEvent',
                      'io.eventbank.contracts.account.MoneyDepositedEvent',
                      'io.eventbank.contracts.account.MoneyWithdrawnEvent')
on conflict do nothing;
