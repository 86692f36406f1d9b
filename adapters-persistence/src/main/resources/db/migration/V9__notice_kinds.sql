-- What a notice says as data ('text', 'joined', 'left', 'session_ended'), so each client words it
-- in its viewer's language. Rows from before have none: the app derives it from attendance and the
-- known English closing text when it reads them.
ALTER TABLE actions ADD COLUMN notice_kind VARCHAR(16);
