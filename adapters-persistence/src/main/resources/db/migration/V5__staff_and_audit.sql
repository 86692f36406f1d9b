-- Staff accounts and disabling (SPEC §4): a disabled user keeps every row of theirs but cannot log in.
ALTER TABLE users ADD COLUMN disabled BOOLEAN DEFAULT FALSE NOT NULL;

-- The audit trail: append-only. Every append locks the one head row and takes the next id, so ids
-- are committed in order and a reader paging with ?since= never skips an entry that commits late.
-- import-data inserts entries with their ids and moves the head past them.
CREATE TABLE audit_head (
  head_key VARCHAR(8) NOT NULL PRIMARY KEY,
  last_id  BIGINT     NOT NULL
);
INSERT INTO audit_head (head_key, last_id) VALUES ('audit', 0);
CREATE TABLE audit_entries (
  id         BIGINT       NOT NULL PRIMARY KEY,
  recorded_at TIMESTAMP WITH TIME ZONE NOT NULL,
  actor      VARCHAR(200) NOT NULL,
  action_name VARCHAR(200) NOT NULL,
  target     VARCHAR(200) NOT NULL,
  outcome    VARCHAR(200) NOT NULL
);

-- Who joined or left in a presence notice ('joined' / 'left', the user in participant): attendance
-- for the researchers without reading the notice's text.
ALTER TABLE actions ADD COLUMN attendance VARCHAR(8);
