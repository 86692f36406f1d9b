-- Users and therapy sessions that an external directory (REDCap) owns: the admin API refuses to
-- edit them (409 managed_by_redcap), and a sync disables only the people it brought.
CREATE TABLE managed_records (
  kind   VARCHAR(16) NOT NULL,
  id     VARCHAR(64) NOT NULL,
  source VARCHAR(32) NOT NULL,
  PRIMARY KEY (kind, id)
);
