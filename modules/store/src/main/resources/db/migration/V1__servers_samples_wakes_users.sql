-- servmon schema v1. Times are UTC in DATETIME(3) (the JDBC URL pins the session time zone to UTC).

-- Registered servers. Low-write table, so an AUTO_INCREMENT id is fine here (never on hot tables).
CREATE TABLE server (
    id                BIGINT       NOT NULL AUTO_INCREMENT,
    server_key        VARCHAR(64)  NOT NULL,
    name              VARCHAR(100) NOT NULL,
    mac               VARCHAR(17)  NULL,      -- admin's choice; null = use the MAC the agent reports
    site              VARCHAR(100) NULL,
    wol_broadcast     VARCHAR(45)  NULL,      -- extra destination for magic packets, e.g. 192.168.1.255
    wol_port          INT          NULL,
    created_at        DATETIME(3)  NOT NULL,
    PRIMARY KEY (id),
    CONSTRAINT uk_server_key UNIQUE (server_key),
    CONSTRAINT uk_server_name UNIQUE (name)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;

-- One row per server: the latest state and the latest sample, for the dashboard's tiles and list.
CREATE TABLE server_status (
    server_id       BIGINT       NOT NULL,
    state           VARCHAR(16)  NOT NULL DEFAULT 'EMPTY',
    state_since     DATETIME(3)  NULL,
    last_seen       DATETIME(3)  NULL,
    last_sampled_at DATETIME(3)  NULL,
    cpu_pct         DOUBLE       NULL,
    power_w         DOUBLE       NULL,
    power_source    VARCHAR(16)  NULL,
    user_count      INT          NULL,
    boot_id         VARCHAR(64)  NULL,
    hostname        VARCHAR(255) NULL,
    interval_s      INT          NULL,
    updated_at      DATETIME(3)  NOT NULL,
    PRIMARY KEY (server_id),
    CONSTRAINT fk_status_server FOREIGN KEY (server_id) REFERENCES server (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;

-- Every sample. The natural key makes replays idempotent (INSERT IGNORE) and needs no IDENTITY column,
-- so the ingestor's JDBC batches stay batched.
CREATE TABLE metric_sample (
    server_id       BIGINT      NOT NULL,
    sampled_at      DATETIME(3) NOT NULL,
    seq             BIGINT      NOT NULL,
    cpu_pct         DOUBLE      NOT NULL,
    power_w         DOUBLE      NULL,
    power_source    VARCHAR(16) NULL,
    user_count      INT         NOT NULL,
    mem_used_bytes  BIGINT      NULL,
    mem_total_bytes BIGINT      NULL,
    load1           DOUBLE      NULL,
    disk_used_bytes BIGINT      NULL,
    disk_total_bytes BIGINT     NULL,
    net_rx_bps      BIGINT      NULL,
    net_tx_bps      BIGINT      NULL,
    cpu_temp_c      DOUBLE      NULL,
    uptime_s        BIGINT      NULL,
    boot_id         VARCHAR(64) NULL,
    PRIMARY KEY (server_id, sampled_at),
    CONSTRAINT fk_sample_server FOREIGN KEY (server_id) REFERENCES server (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;

-- What happened to each wake command: one row per (command, status), e.g. SENT then CONFIRMED.
CREATE TABLE wake_event (
    command_id   VARCHAR(64)  NOT NULL,
    status       VARCHAR(16)  NOT NULL,
    server_id    BIGINT       NOT NULL,
    detail       VARCHAR(500) NULL,
    packets_sent INT          NOT NULL DEFAULT 0,
    at           DATETIME(3)  NOT NULL,
    PRIMARY KEY (command_id, status),
    KEY ix_wake_server_at (server_id, at),
    CONSTRAINT fk_wake_server FOREIGN KEY (server_id) REFERENCES server (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;

-- Dashboard and API users. password_hash is a Spring Security encoded hash ({bcrypt}...).
CREATE TABLE app_user (
    id            BIGINT       NOT NULL AUTO_INCREMENT,
    username      VARCHAR(64)  NOT NULL,
    password_hash VARCHAR(255) NOT NULL,
    role          VARCHAR(16)  NOT NULL,
    created_at    DATETIME(3)  NOT NULL,
    PRIMARY KEY (id),
    CONSTRAINT uk_app_user_username UNIQUE (username)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;
