-- servmon schema v6: the power policies, edited in the dashboard.
--
-- Every save is a new row, never an update: the row with the highest version is in force, and all rows together are
-- the audit log (who changed what, when). yaml is the text as saved, in the format of a policy file (settings under
-- servmon.wol.policy), which is also what the PowerPolicies event carries; summary is a one-line description made
-- when it was saved ("2 policies: fleet-saver (fleet), office-hours (office)"), so the log lists without parsing.
-- version is chosen as the highest plus one in the saving transaction: two concurrent saves collide on the primary
-- key and one of them fails, rather than both claiming the same number.
CREATE TABLE power_policy_version (
    version    INT          NOT NULL,
    yaml       TEXT         NOT NULL,
    changed_by VARCHAR(64)  NOT NULL,
    changed_at DATETIME(3)  NOT NULL,
    summary    VARCHAR(500) NOT NULL,
    PRIMARY KEY (version)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;
