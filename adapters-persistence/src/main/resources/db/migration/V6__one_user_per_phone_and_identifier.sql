-- Login finds a user by phone and identifier, compared trimmed, case- and accent-insensitively: two
-- users with the same pair would leave one unable to ever log in. identifier_key is the SHA-256 of
-- the compared form (Identifier.normalized(), computed by the app, which fills it for existing rows
-- at start and names any duplicates it finds there: those keep no key until an admin tells them
-- apart). The index makes the check and the write one step, whoever writes at the same time.
ALTER TABLE users ADD COLUMN identifier_key VARCHAR(64);
CREATE UNIQUE INDEX users_by_phone_and_identifier ON users (phone, identifier_key);
