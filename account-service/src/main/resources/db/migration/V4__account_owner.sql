-- The customer who owns an account (the subject of its token), from AccountOpenedEvent revision 2; null for a bank's
-- clearing account and for accounts opened before owners were recorded.
alter table account_view add column customer_id varchar(200);
