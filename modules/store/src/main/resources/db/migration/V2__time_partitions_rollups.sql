-- servmon schema v2: time-partitioned samples, minute and hour rollups, and no foreign keys on hot tables.
--
-- Hot tables (metric_sample, metric_rollup_1m, metric_rollup_1h, server_status) are written many thousand rows a
-- second. They carry no foreign key: partitioned InnoDB tables cannot have one (MySQL and MariaDB alike), and a
-- foreign-key check per row is work the ingestor does not need. A removed server's rows are invisible (every read
-- joins `server`, whose ids are never reused) and go with retention; server_status orphans are swept by it too.
--
-- Partitions are by time, so retention drops whole partitions (free, no row deletes, no purge lag). Each table starts
-- with one catch-all partition `pfuture`; the ingestor's PartitionMaintainer splits it into daily (monthly for the
-- hour rollups) partitions ahead of time and drops the ones past retention. The key (server_id, time) keeps one
-- insertion point per server: with 10,000 servers that is 10,000 hot leaf pages per table, which the buffer pool
-- must hold (see README, "Sizing the database").

ALTER TABLE metric_sample DROP FOREIGN KEY fk_sample_server;
-- The agent's interval: each sample stands for that many seconds of its watts (energy), so rollups can be
-- recomputed exactly from the stored samples.
ALTER TABLE metric_sample ADD COLUMN interval_s INT NULL AFTER seq;
ALTER TABLE metric_sample PARTITION BY RANGE COLUMNS (sampled_at) (PARTITION pfuture VALUES LESS THAN (MAXVALUE));

ALTER TABLE server_status DROP FOREIGN KEY fk_status_server;

-- One row per server and minute (hour): min/avg/max of what a sample carries, and the energy of the bucket.
-- Sums and counts are kept rather than averages, so that a late sample adds to its bucket exactly; the avg columns
-- are computed from them. energy_wh integrates the reported watts over each sample's interval; estimated_wh is the
-- part of it that came from an estimate rather than a sensor.
CREATE TABLE metric_rollup_1m (
    server_id    BIGINT      NOT NULL,
    bucket_start DATETIME    NOT NULL,
    samples      INT         NOT NULL,
    cpu_min      DOUBLE      NOT NULL,
    cpu_sum      DOUBLE      NOT NULL,
    cpu_max      DOUBLE      NOT NULL,
    power_n      INT         NOT NULL,
    power_min    DOUBLE      NULL,
    power_sum    DOUBLE      NOT NULL,
    power_max    DOUBLE      NULL,
    users_min    INT         NOT NULL,
    users_sum    BIGINT      NOT NULL,
    users_max    INT         NOT NULL,
    mem_n        INT         NOT NULL,
    mem_min      BIGINT      NULL,
    mem_sum      DOUBLE      NOT NULL,
    mem_max      BIGINT      NULL,
    energy_wh    DOUBLE      NOT NULL,
    estimated_wh DOUBLE      NOT NULL,
    cpu_avg      DOUBLE AS (cpu_sum / samples) VIRTUAL,
    power_avg    DOUBLE AS (IF(power_n = 0, NULL, power_sum / power_n)) VIRTUAL,
    users_avg    DOUBLE AS (users_sum / samples) VIRTUAL,
    mem_avg      DOUBLE AS (IF(mem_n = 0, NULL, mem_sum / mem_n)) VIRTUAL,
    PRIMARY KEY (server_id, bucket_start)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4
  PARTITION BY RANGE COLUMNS (bucket_start) (PARTITION pfuture VALUES LESS THAN (MAXVALUE));

CREATE TABLE metric_rollup_1h LIKE metric_rollup_1m;

-- The rollups of samples stored before this version.
INSERT INTO metric_rollup_1m (server_id, bucket_start, samples, cpu_min, cpu_sum, cpu_max, power_n, power_min,
                              power_sum, power_max, users_min, users_sum, users_max, mem_n, mem_min, mem_sum, mem_max,
                              energy_wh, estimated_wh)
SELECT server_id, DATE_FORMAT(sampled_at, '%Y-%m-%d %H:%i:00'), COUNT(*), MIN(cpu_pct), SUM(cpu_pct), MAX(cpu_pct),
       COUNT(power_w), MIN(power_w), COALESCE(SUM(power_w), 0), MAX(power_w),
       MIN(user_count), SUM(user_count), MAX(user_count),
       COUNT(mem_used_bytes), MIN(mem_used_bytes), COALESCE(SUM(mem_used_bytes), 0), MAX(mem_used_bytes),
       0, 0
FROM metric_sample
GROUP BY server_id, DATE_FORMAT(sampled_at, '%Y-%m-%d %H:%i:00');

INSERT INTO metric_rollup_1h (server_id, bucket_start, samples, cpu_min, cpu_sum, cpu_max, power_n, power_min,
                              power_sum, power_max, users_min, users_sum, users_max, mem_n, mem_min, mem_sum, mem_max,
                              energy_wh, estimated_wh)
SELECT server_id, DATE_FORMAT(bucket_start, '%Y-%m-%d %H:00:00'), SUM(samples), MIN(cpu_min), SUM(cpu_sum),
       MAX(cpu_max), SUM(power_n), MIN(power_min), SUM(power_sum), MAX(power_max), MIN(users_min), SUM(users_sum),
       MAX(users_max), SUM(mem_n), MIN(mem_min), SUM(mem_sum), MAX(mem_max), SUM(energy_wh), SUM(estimated_wh)
FROM metric_rollup_1m
GROUP BY server_id, DATE_FORMAT(bucket_start, '%Y-%m-%d %H:00:00');
