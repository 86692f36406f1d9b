-- The chat log, second version (keeps every existing row).

-- A clientId is the client's idempotency key within one therapy session: the same client may reuse
-- it in another session, and that action must be stored there too (it was answered with the other
-- session's id and lost). Every existing row stays unique under the wider key.
ALTER TABLE actions DROP CONSTRAINT actions_client_id;
ALTER TABLE actions ADD CONSTRAINT actions_client_id UNIQUE (therapy_session_id, author, client_id);

-- A closed log takes no more client actions: ending a session appends its closing notice and sets
-- this flag under the head row's lock, the same lock every append takes, so no client action can
-- get an id above the closing notice. Sessions that ended before this migration start closed.
ALTER TABLE action_log_heads ADD COLUMN closed BOOLEAN DEFAULT FALSE NOT NULL;
UPDATE action_log_heads SET closed = TRUE
  WHERE therapy_session_id IN (SELECT id FROM therapy_sessions WHERE status = 'ended');
INSERT INTO action_log_heads (therapy_session_id, last_id, closed)
  SELECT id, 0, TRUE FROM therapy_sessions
  WHERE status = 'ended' AND id NOT IN (SELECT therapy_session_id FROM action_log_heads);

-- The members a message mentions (SPEC §3.1), worked out by the server: user ids, comma-separated.
-- At most one per '@' of a body (Settings caps bodies at 10,000 characters): 5,000 ids of 64 + 1.
ALTER TABLE actions ADD COLUMN mentions VARCHAR(330000);

-- Validation counts characters (code points), up to 64 for these two; H2 counts UTF-16 units, so
-- 64 four-byte characters need 128 there (a 503 otherwise, and a client resending it forever).
ALTER TABLE actions ALTER COLUMN client_ts SET DATA TYPE VARCHAR(128);
ALTER TABLE actions ALTER COLUMN time_to_complete SET DATA TYPE VARCHAR(128);
