-- The chat log, second version (keeps every existing row).

-- A clientId is the client's idempotency key within one therapy session: the same client may reuse
-- it in another session, and that action must be stored there too (it was answered with the other
-- session's id and lost). Every existing row stays unique under the wider key.
ALTER TABLE actions DROP CONSTRAINT actions_client_id;
ALTER TABLE actions ADD CONSTRAINT actions_client_id UNIQUE (therapy_session_id, author, client_id);
