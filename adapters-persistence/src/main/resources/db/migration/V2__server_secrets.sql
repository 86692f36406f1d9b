-- Secrets every app instance must share (the OTP hashing key), created once by whichever starts first.
CREATE TABLE server_secrets (
  name   VARCHAR(64)  NOT NULL PRIMARY KEY,
  secret VARCHAR(200) NOT NULL
);
