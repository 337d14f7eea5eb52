-- servmon schema v11: the history of each server's state, for the server page's "State and sleeps".
--
-- One row per change the state monitor publishes on servmon.server-state.v1 (ServerStateChanged): the state the
-- server entered (to_state), when (changed_at, the event's `since`) and the state it left (from_state, the event's
-- `previous`; null for the first verdict after registration). The event carries no reason for a change, so none is
-- stored; every step of a wake or sleep is in wake_event.
--
-- The monitor publishes a server's verdict again when something else about it changes (interfaces, a key
-- conflict) with the same state and `since`; and a redelivered batch replays changes. The primary key (server_id,
-- changed_at, to_state) makes both one row: the ingestor writes with INSERT IGNORE. It is also the index the page
-- reads by: one server's changes in a time range, newest first.
--
-- Partitioned by time like the rollups (see V2), monthly as metric_rollup_1h is: the ingestor's PartitionMaintainer
-- already splits partitions ahead and drops them past retention, so keeping this table bounded is one more tier
-- there (kept as long as the hour rollups, the longest history the server page charts), where a retention DELETE
-- would be new code that deletes row by row, holding locks that ingest waits on. A change is small and rare (a few
-- per server and day), so a month per partition keeps their number low. As on the other partitioned tables there is
-- no foreign key: a removed server's changes are invisible (reads join `server`) and go with retention.
CREATE TABLE server_state_change (
    server_id  BIGINT      NOT NULL,
    changed_at DATETIME(3) NOT NULL,
    to_state   VARCHAR(16) NOT NULL,
    from_state VARCHAR(16) NULL,
    PRIMARY KEY (server_id, changed_at, to_state)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4
  PARTITION BY RANGE COLUMNS (changed_at) (PARTITION pfuture VALUES LESS THAN (MAXVALUE));
