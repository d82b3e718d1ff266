-- A deposit's or withdrawal's operation id (made by the gateway of the caller, the path and its Idempotency-Key) is
-- kept for good: what the request asked is kept with it, so that the id used again for another request is refused
-- (422) instead of answered with the first one's outcome. operation: DEPOSIT or WITHDRAWAL; reference as given.
alter table processed_command add column operation varchar(16);
alter table processed_command add column reference varchar(1000);

update processed_command p
set operation = case e.payloadtype when 'io.eventbank.contracts.account.MoneyDepositedEvent' then 'DEPOSIT'
                                   else 'WITHDRAWAL' end,
    reference = e.payload::jsonb ->> 'reference'
from domainevententry e
where p.kind = 'OPERATION'
  and e.aggregateidentifier = p.outcome_aggregate
  and e.sequencenumber = p.outcome_sequence
  and e.payloadtype in ('io.eventbank.contracts.account.MoneyDepositedEvent',
                        'io.eventbank.contracts.account.MoneyWithdrawnEvent');
