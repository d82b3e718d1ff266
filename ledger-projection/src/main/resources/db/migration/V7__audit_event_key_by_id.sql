-- The audit log's primary key leads with the event id: it keeps an event once per generation, as before, and also
-- finds the position an earlier generation gave an event (which the index audit_event_id did). Every event entered
-- two indexes keyed by its random id; now one.
alter table audit_event drop constraint audit_event_pkey;
alter table audit_event add primary key (event_id, generation);
drop index audit_event_id;
