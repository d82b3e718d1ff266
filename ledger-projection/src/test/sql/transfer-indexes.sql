-- What the two indexes of migration V6 (transfer_updated_at, transfer_unfinished) cost the transfers read model's
-- updates: the same 50,000-row table updated three times, without and with them. Run against any PostgreSQL:
--   psql -h 127.0.0.1 -U postgres -d postgres -f ledger-projection/src/test/sql/transfer-indexes.sql
\timing on
drop table if exists t_noidx, t_idx;
create table t_noidx (generation int not null, transfer_id varchar(100) not null, status varchar(20) not null, version bigint not null, created_at timestamptz not null, updated_at timestamptz not null, filler varchar(200), primary key (generation, transfer_id));
create table t_idx (like t_noidx including all);
create index on t_idx (generation, updated_at);
create index on t_idx (generation, created_at) where status not in ('COMPLETED','FAILED');
insert into t_noidx select 1, 't'||i, 'REQUESTED', 0, now(), now(), repeat('x',120) from generate_series(1,50000) i;
insert into t_idx select * from t_noidx;
vacuum analyze t_noidx; vacuum analyze t_idx;
-- four status changes per transfer, as the transfers model writes them (one statement per step here)
\echo without the indexes
update t_noidx set status='DEBITED', version=1, updated_at=now() where generation=1;
update t_noidx set status='CREDITED', version=2, updated_at=now() where generation=1;
update t_noidx set status='COMPLETED', version=3, updated_at=now() where generation=1;
\echo with the indexes
update t_idx set status='DEBITED', version=1, updated_at=now() where generation=1;
update t_idx set status='CREDITED', version=2, updated_at=now() where generation=1;
update t_idx set status='COMPLETED', version=3, updated_at=now() where generation=1;
select relname, n_tup_upd, n_tup_hot_upd from pg_stat_user_tables where relname in ('t_noidx','t_idx');
drop table t_noidx, t_idx;
