-- Why a server's reports cannot be trusted right now (two agents report with its key); null when they can.
ALTER TABLE server_status ADD COLUMN key_conflict VARCHAR(300) NULL AFTER power_before_sleep_w;
