-- servmon schema v12: a removed server's public id and signing secret, kept for a while after the server row is gone.
--
-- When a server is removed (deleted, or given a new key: the old id goes), the wol-service tells its agent with a
-- REMOVED order signed with this secret. An agent that was not running then (its server asleep or off, which servmon
-- itself arranges) reads its control partition from the end and never hears it: it would report for ever into the
-- dead-letter topic and ignore the unsigned refusals. With the secret kept here, the ingestor sends the signed order
-- again when such an agent reports. The dashboard writes the row in the transaction that deletes the server (or
-- replaces its key); the ingestor purges rows older than servmon.ingestor.retention.removed-servers.
--
-- The name is kept only for the order's text ("server web-1 was removed from servmon"), the same as the
-- wol-service's. No foreign key: the server row is gone by design.
CREATE TABLE removed_server (
    public_id      VARCHAR(64)  NOT NULL,
    name           VARCHAR(100) NOT NULL,
    signing_secret VARCHAR(64)  NOT NULL,
    removed_at     DATETIME(3)  NOT NULL,  -- UTC
    PRIMARY KEY (public_id),
    KEY ix_removed_server_removed_at (removed_at)  -- the purge's range
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;
