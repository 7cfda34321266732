-- Sessions signed out before they expire (POST /logout), by the SHA-256 of their token's jti (any length or
-- content fits the key), kept until a day after the token expires, well past any clock-skew leeway of the
-- verifier. A person's token listed here is refused. Older rows are purged at each sign-out.
CREATE TABLE ended_sessions (
    jti_sha256 bytea PRIMARY KEY,
    expires_at timestamptz NOT NULL
);
