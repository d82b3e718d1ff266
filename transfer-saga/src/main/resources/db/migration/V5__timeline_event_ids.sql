-- A transfer's timeline names each entry's event by its id, as the read model's timeline does (one shape for a
-- transfer, whoever answers it); the free-text detail, which nothing read, goes.
alter table transfer_timeline add column event_id varchar(64);
alter table transfer_timeline drop column detail;
