-- The customer who owns an account (AccountOpenedEvent's customerId), so that an account reads the same from the
-- read model as from account-service. Null for accounts opened before revision 2 of the event (owned by nobody),
-- and for rows projected before this migration until the accounts read model is replayed.
alter table account add column customer_id varchar(200);
