-- Rollups are no longer updated in the record's transaction (14 locked rows per record serialized an
-- organization's writes). A record's transaction now only adds its request id here; RollupAggregator folds
-- the pending records into usage_rollups about once a second and deletes their ids in the same transaction,
-- so every committed record is counted exactly once, whatever the commit order and across restarts.
create table usage_rollup_pending (
    request_id varchar(64) primary key
);

-- One row per named lock: aggregation and rebuild take it (SELECT ... FOR UPDATE) so that two instances or
-- two passes never fold the same pending records at once.
create table usage_rollup_lock (
    name varchar(32) primary key
);
insert into usage_rollup_lock (name) values ('rollups');
