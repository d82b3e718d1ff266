-- What operators watch (TransferActivity): the transfers that became final in the last minutes, and the ones that are
-- not final yet, oldest first, without reading the whole table.
create index transfer_updated_at on transfer (generation, updated_at);
create index transfer_unfinished on transfer (generation, created_at) where status not in ('COMPLETED', 'FAILED');
