-- Codes are counted per (phone, identifier), so a pending login names its pair (a keyed hash, no
-- name). Pending logins live 10 minutes: the few open while this runs start over.
DELETE FROM otp_challenges;
ALTER TABLE otp_challenges ADD COLUMN budget_key VARCHAR(80) NOT NULL;
