-- servmon schema v7: people and roles.
--
-- A user can be disabled instead of deleted: the name stays taken and stays in the audit logs (changed_by,
-- requested_by), and an admin can enable it again. The roles are the two the dashboard and API know; the check
-- keeps a typo in a hand-written INSERT from creating a user who can log in but do nothing.
ALTER TABLE app_user
    ADD COLUMN enabled BOOLEAN NOT NULL DEFAULT TRUE,
    ADD CONSTRAINT ck_app_user_role CHECK (role IN ('ADMIN', 'VIEWER'));
