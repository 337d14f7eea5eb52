-- servmon schema v5: sleep periods, from which the energy a sleeping server saves is computed.
--
-- One row per time a server went ASLEEP, written by the ingestor in the same transaction as the state change: a
-- change to ASLEEP opens a period (INSERT IGNORE on the key, so a replayed change opens nothing twice), any later
-- change of the server closes it (woke_at). Saved energy over a range is then
--     sum of overlap(range, [asleep_at, woke_at or now)) x (power_before_w - asleep_w)
-- which needs no sample: a sleeping server sends none.
--
-- power_before_w is what the server drew just before it slept (the state monitor's powerBeforeSleepW, null when it
-- reported no power); power_before_source is the source of the reading it came from (BMC, HWMON, RAPL or ESTIMATE,
-- see PowerSource), so a figure can say whether it was measured. asleep_w is what it is taken to draw asleep, a
-- setting of the ingestor when the period was opened (no agent runs on a sleeping server to measure it): stored
-- per period, so changing the setting later does not rewrite the past.
CREATE TABLE sleep_period (
    server_id           BIGINT      NOT NULL,
    asleep_at           DATETIME(3) NOT NULL,
    woke_at             DATETIME(3) NULL,
    power_before_w      DOUBLE      NULL,
    power_before_source VARCHAR(16) NULL,
    asleep_w            DOUBLE      NOT NULL,
    PRIMARY KEY (server_id, asleep_at),
    -- A fleet range [from, to) needs the periods still open or closed after `from`: two ranges of this index
    -- ("woke_at IS NULL OR woke_at > from"), however long the table's history.
    KEY ix_sleep_woke (woke_at, asleep_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;
