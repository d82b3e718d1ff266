-- A replay looks up the position an earlier generation gave an event, by its id.
create index audit_event_id on audit_event (event_id);
