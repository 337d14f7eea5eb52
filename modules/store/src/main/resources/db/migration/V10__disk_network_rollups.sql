-- servmon schema v10: disk and network in the minute and hour rollups, so that the server page draws them over 7 and
-- 30 days as it draws CPU, power and memory (from the buckets, not from millions of samples).
--
-- As in V2, counts and sums rather than averages, so that a late sample adds to its bucket exactly. The network
-- rates are counted together (net_n): an agent reports both directions or neither. Defaults of 0 keep every
-- writer that does not know the columns yet correct: its buckets simply have no disk or network figure.
ALTER TABLE metric_rollup_1m
    ADD COLUMN disk_n     INT    NOT NULL DEFAULT 0,
    ADD COLUMN disk_sum   DOUBLE NOT NULL DEFAULT 0,
    ADD COLUMN net_n      INT    NOT NULL DEFAULT 0,
    ADD COLUMN net_rx_sum DOUBLE NOT NULL DEFAULT 0,
    ADD COLUMN net_tx_sum DOUBLE NOT NULL DEFAULT 0,
    ADD COLUMN disk_avg   DOUBLE AS (IF(disk_n = 0, NULL, disk_sum / disk_n)) VIRTUAL,
    ADD COLUMN net_rx_avg DOUBLE AS (IF(net_n = 0, NULL, net_rx_sum / net_n)) VIRTUAL,
    ADD COLUMN net_tx_avg DOUBLE AS (IF(net_n = 0, NULL, net_tx_sum / net_n)) VIRTUAL;

ALTER TABLE metric_rollup_1h
    ADD COLUMN disk_n     INT    NOT NULL DEFAULT 0,
    ADD COLUMN disk_sum   DOUBLE NOT NULL DEFAULT 0,
    ADD COLUMN net_n      INT    NOT NULL DEFAULT 0,
    ADD COLUMN net_rx_sum DOUBLE NOT NULL DEFAULT 0,
    ADD COLUMN net_tx_sum DOUBLE NOT NULL DEFAULT 0,
    ADD COLUMN disk_avg   DOUBLE AS (IF(disk_n = 0, NULL, disk_sum / disk_n)) VIRTUAL,
    ADD COLUMN net_rx_avg DOUBLE AS (IF(net_n = 0, NULL, net_rx_sum / net_n)) VIRTUAL,
    ADD COLUMN net_tx_avg DOUBLE AS (IF(net_n = 0, NULL, net_tx_sum / net_n)) VIRTUAL;

-- The buckets of samples stored before this version: minutes from the samples, hours from the minutes.
UPDATE metric_rollup_1m r
    JOIN (SELECT server_id, DATE_FORMAT(sampled_at, '%Y-%m-%d %H:%i:00') AS bucket,
                 COUNT(disk_used_bytes) AS disk_n, COALESCE(SUM(disk_used_bytes), 0) AS disk_sum,
                 COUNT(net_rx_bps) AS net_n, COALESCE(SUM(net_rx_bps), 0) AS net_rx_sum,
                 COALESCE(SUM(net_tx_bps), 0) AS net_tx_sum
          FROM metric_sample
          WHERE disk_used_bytes IS NOT NULL OR net_rx_bps IS NOT NULL
          GROUP BY server_id, bucket) s ON s.server_id = r.server_id AND s.bucket = r.bucket_start
SET r.disk_n = s.disk_n, r.disk_sum = s.disk_sum, r.net_n = s.net_n, r.net_rx_sum = s.net_rx_sum,
    r.net_tx_sum = s.net_tx_sum;

UPDATE metric_rollup_1h r
    JOIN (SELECT server_id, DATE_FORMAT(bucket_start, '%Y-%m-%d %H:00:00') AS bucket, SUM(disk_n) AS disk_n,
                 SUM(disk_sum) AS disk_sum, SUM(net_n) AS net_n, SUM(net_rx_sum) AS net_rx_sum,
                 SUM(net_tx_sum) AS net_tx_sum
          FROM metric_rollup_1m
          WHERE disk_n > 0 OR net_n > 0
          GROUP BY server_id, bucket) m ON m.server_id = r.server_id AND m.bucket = r.bucket_start
SET r.disk_n = m.disk_n, r.disk_sum = m.disk_sum, r.net_n = m.net_n, r.net_rx_sum = m.net_rx_sum,
    r.net_tx_sum = m.net_tx_sum;
