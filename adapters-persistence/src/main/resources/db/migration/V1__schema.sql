-- One schema for H2 (embedded) and PostgreSQL (production): portable SQL only.
-- jOOQ generates its classes from this file at build time (DDLDatabase), so it is the single source of truth.

CREATE TABLE users (
  id            VARCHAR(64)  NOT NULL PRIMARY KEY,
  role_name     VARCHAR(16)  NOT NULL,
  display_name  VARCHAR(100) NOT NULL,
  phone         VARCHAR(16)  NOT NULL,
  identifier    VARCHAR(200) NOT NULL
);
CREATE INDEX users_by_phone ON users (phone);

CREATE TABLE otp_challenges (
  challenge_key VARCHAR(64) NOT NULL PRIMARY KEY,
  phone         VARCHAR(16) NOT NULL,
  user_id       VARCHAR(64),
  code_hash     VARCHAR(64) NOT NULL,
  issued_at     TIMESTAMP WITH TIME ZONE NOT NULL,
  expires_at    TIMESTAMP WITH TIME ZONE NOT NULL
);

-- One row per (rule, key), locked while an attempt is judged, so instances agree on the count.
CREATE TABLE rate_keys (
  rule_name VARCHAR(32)  NOT NULL,
  rate_key  VARCHAR(200) NOT NULL,
  PRIMARY KEY (rule_name, rate_key)
);
CREATE TABLE rate_events (
  rule_name   VARCHAR(32)  NOT NULL,
  rate_key    VARCHAR(200) NOT NULL,
  occurred_at TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX rate_events_by_key ON rate_events (rule_name, rate_key, occurred_at);

CREATE TABLE auth_sessions (
  session_key        VARCHAR(64) NOT NULL PRIMARY KEY,
  user_id            VARCHAR(64) NOT NULL,
  authenticated_at   TIMESTAMP WITH TIME ZONE NOT NULL,
  last_activity_at   TIMESTAMP WITH TIME ZONE NOT NULL,
  therapy_session_id VARCHAR(64)
);

CREATE TABLE therapy_sessions (
  id         VARCHAR(64)   NOT NULL PRIMARY KEY,
  name       VARCHAR(200)  NOT NULL,
  topic      VARCHAR(2000) NOT NULL,
  starts_at  TIMESTAMP WITH TIME ZONE NOT NULL,
  status     VARCHAR(16)   NOT NULL,
  admission  VARCHAR(16)   NOT NULL,
  whiteboard VARCHAR(2000) NOT NULL
);

CREATE TABLE members (
  therapy_session_id VARCHAR(64) NOT NULL,
  user_id            VARCHAR(64) NOT NULL,
  role_name          VARCHAR(16) NOT NULL,
  admitted           BOOLEAN     NOT NULL,
  revoked            BOOLEAN     NOT NULL,
  sort_order         INTEGER     NOT NULL,
  PRIMARY KEY (therapy_session_id, user_id),
  CONSTRAINT members_session FOREIGN KEY (therapy_session_id) REFERENCES therapy_sessions (id) ON DELETE CASCADE
);
CREATE INDEX members_by_user ON members (user_id);

CREATE TABLE assessments (
  therapy_session_id VARCHAR(64)   NOT NULL,
  user_id            VARCHAR(64)   NOT NULL,
  sort_order         INTEGER       NOT NULL,
  name               VARCHAR(200)  NOT NULL,
  due                VARCHAR(8)    NOT NULL,
  is_complete        BOOLEAN       NOT NULL,
  url                VARCHAR(2000),
  PRIMARY KEY (therapy_session_id, user_id, sort_order)
);
CREATE INDEX assessments_by_user ON assessments (user_id);

CREATE TABLE presence (
  therapy_session_id VARCHAR(64) NOT NULL,
  user_id            VARCHAR(64) NOT NULL,
  last_seen_at       TIMESTAMP WITH TIME ZONE NOT NULL,
  PRIMARY KEY (therapy_session_id, user_id)
);

-- The head row of each session's log is locked by every append, so ids within a session
-- are handed out and committed in one order: a poller never sees id N+1 before id N.
CREATE TABLE action_log_heads (
  therapy_session_id VARCHAR(64) NOT NULL PRIMARY KEY,
  last_id            BIGINT      NOT NULL
);
CREATE SEQUENCE action_ids START WITH 1 INCREMENT BY 1;

CREATE TABLE actions (
  id                 BIGINT       NOT NULL PRIMARY KEY,
  therapy_session_id VARCHAR(64)  NOT NULL,
  action_type        VARCHAR(32)  NOT NULL,
  author             VARCHAR(64),
  client_id          VARCHAR(100),
  client_ts          VARCHAR(64),
  dedupe_key         VARCHAR(200),
  created_at         TIMESTAMP WITH TIME ZONE NOT NULL,
  audience           VARCHAR(8000) NOT NULL,
  deleted            BOOLEAN      NOT NULL,
  body               VARCHAR(20000),
  recipients         VARCHAR(8000),
  target             BIGINT,
  icon               VARCHAR(16),
  sender             VARCHAR(64),
  participant        VARCHAR(64),
  character_history  VARCHAR(1000000),
  time_to_complete   VARCHAR(64),
  CONSTRAINT actions_client_id UNIQUE (author, client_id),
  CONSTRAINT actions_dedupe UNIQUE (therapy_session_id, author, dedupe_key)
);
CREATE INDEX actions_by_session ON actions (therapy_session_id, id);
