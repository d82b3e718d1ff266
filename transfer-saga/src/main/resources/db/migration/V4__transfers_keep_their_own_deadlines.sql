-- The saga keeps no state any more: an account's answer goes straight to its transfer, and each transfer keeps its
-- own deadlines (aggregate-scoped, in scheduled_tasks). The saga store goes; so do deadlines an older release
-- scheduled for sagas, which would find no saga to wake (the sweeper asks again for any transfer they would have moved).
delete from scheduled_tasks where convert_from(task_data, 'UTF8') like '%SagaScopeDescriptor%';
drop table associationvalueentry;
drop table sagaentry;
