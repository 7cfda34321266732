-- Sessions signed out before they expire (POST /logout), by their token's jti, kept until the token would have
-- expired anyway: a page refuses a session listed here. Rows past expires_at are purged at each sign-out.
CREATE TABLE ended_sessions (
    jti        text PRIMARY KEY,
    expires_at timestamptz NOT NULL
);
