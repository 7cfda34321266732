-- Each customer's health score at one recent as_of per tenant, written by the query service's background
-- refresh (the exact scoring of HEALTH.md over the V003 state, one transaction per tenant), so that the
-- at-risk list at "now" is one index range read instead of scoring every customer on the request.

-- One row per customer scored in the tenant's latest refresh (every customer with an event before its as_of).
CREATE TABLE customer_health_snapshot (
    tenant      text    NOT NULL,
    customer_id bigint  NOT NULL,
    score       integer NOT NULL,
    band        text    NOT NULL,
    signals     json    NOT NULL,  -- [{"code", "severity", "message"}, ...] as the at-risk answer carries them
    PRIMARY KEY (tenant, customer_id)
);

-- The at-risk list: score below a threshold, lowest first, then by customer_id.
CREATE INDEX customer_health_snapshot_score_idx ON customer_health_snapshot (tenant, score, customer_id);

-- One row per tenant: the moment its snapshot is as of, and with which settings it was scored.
CREATE TABLE health_snapshot_runs (
    tenant       text        PRIMARY KEY,
    as_of        timestamptz NOT NULL,  -- every score of the tenant's snapshot is as of this moment
    fresh_until  timestamptz NOT NULL,  -- readers fall back to exact scoring after this
    settings     text        NOT NULL,  -- the HealthSettings scored with; a reader with others ignores the snapshot
    healthy      bigint      NOT NULL,  -- customers per band
    watch        bigint      NOT NULL,
    at_risk      bigint      NOT NULL,
    refreshed_at timestamptz NOT NULL DEFAULT now()
);
