-- Notifications (dashboard.notify): when they are held back, and what was sent.

-- Maintenance windows: alerts about one server, or about every server of a group (server.site), are held back
-- between starts_at and ends_at. Exactly one of server_id and server_group is set.
CREATE TABLE maintenance_window (
    id           BIGINT       NOT NULL AUTO_INCREMENT,
    server_id    BIGINT       NULL,
    server_group VARCHAR(100) NULL,
    starts_at    DATETIME(3)  NOT NULL,
    ends_at      DATETIME(3)  NOT NULL,
    reason       VARCHAR(300) NULL,
    created_by   VARCHAR(64)  NOT NULL,
    created_at   DATETIME(3)  NOT NULL,
    PRIMARY KEY (id),
    KEY ix_maintenance_ends (ends_at),
    CONSTRAINT fk_maintenance_server FOREIGN KEY (server_id) REFERENCES server (id) ON DELETE CASCADE,
    CONSTRAINT ck_maintenance_target CHECK ((server_id IS NULL) <> (server_group IS NULL)),
    CONSTRAINT ck_maintenance_span CHECK (ends_at > starts_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;

-- Every alert raised and what became of it on each channel. The unique key makes an alert idempotent: the same
-- incident (e.g. one OFF, named by when it began) read again after a restart, or by a second dashboard, claims no
-- second row and so is not sent twice. server_id has no foreign key and the name is copied: the log outlives a
-- deleted server. Low-write table, so AUTO_INCREMENT is fine.
CREATE TABLE notification_sent (
    id          BIGINT       NOT NULL AUTO_INCREMENT,
    raised_at   DATETIME(3)  NOT NULL,
    rule_name   VARCHAR(32)  NOT NULL,
    server_id   BIGINT       NOT NULL,
    server_name VARCHAR(100) NOT NULL,
    channel     VARCHAR(100) NOT NULL,
    incident    VARCHAR(100) NOT NULL,
    outcome     VARCHAR(16)  NOT NULL,   -- SENDING, DELIVERED, FAILED, SILENCED
    attempts    INT          NOT NULL DEFAULT 0,
    detail      VARCHAR(500) NULL,
    finished_at DATETIME(3)  NULL,
    PRIMARY KEY (id),
    CONSTRAINT uk_notification_incident UNIQUE (rule_name, server_id, incident, channel),
    KEY ix_notification_raised (raised_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;
