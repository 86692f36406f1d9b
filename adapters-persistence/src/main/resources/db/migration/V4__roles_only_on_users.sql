-- A member's role is the user's (users.role_name): a copy per membership went stale on every
-- promotion or demotion. Admitted/revoked stay per membership.
ALTER TABLE members DROP COLUMN role_name;
