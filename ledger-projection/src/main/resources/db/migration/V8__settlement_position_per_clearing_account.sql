-- A bank keeps its clearing money in a currency in several accounts (io.eventbank.contracts.Clearing): one row per
-- clearing account, each with that account's last balance; a bank's position is their sum. The rows there were are
-- those of the one account banks had before, shard 0.
alter table settlement_position add column shard int not null default 0;
alter table settlement_position drop constraint settlement_position_pkey;
alter table settlement_position add primary key (generation, bank_code, currency, shard);
alter table settlement_position alter column shard drop default;
