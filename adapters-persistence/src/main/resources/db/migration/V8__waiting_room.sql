-- Who waits to be admitted: the waiting page asks again every few seconds (last_seen_at), so a
-- therapist tells "Ana is waiting" (since) from "Ben is not here".
CREATE TABLE waiting_room (
  therapy_session_id VARCHAR(64) NOT NULL,
  user_id            VARCHAR(64) NOT NULL,
  since              TIMESTAMP WITH TIME ZONE NOT NULL,
  last_seen_at       TIMESTAMP WITH TIME ZONE NOT NULL,
  PRIMARY KEY (therapy_session_id, user_id)
);
