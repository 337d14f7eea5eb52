-- What a server drew just before it was put to sleep: what sleeping saves per hour (the energy figures use it).
ALTER TABLE server_status ADD COLUMN power_before_sleep_w DOUBLE NULL AFTER state_since;
