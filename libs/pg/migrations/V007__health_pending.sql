-- Activity and feature buckets appended by the batch writers and not yet folded into the V003 daily tables.
-- Upserting the daily rows in every batch cost the write path as much PostgreSQL CPU as the events' COPY, and
-- two writers updating the same customer's bucket of the day waited for each other's commit. The writers now
-- COPY their batch's buckets here (no unique key, nothing to wait for); the ingest service's health folder moves
-- them into the daily tables every few seconds (auditrail_fold_health_pending), where many batches' buckets of
-- the same customer, day and action become one update. Readers use the views below, which add both, so an
-- answer never depends on whether a fold has run.

-- For one customer's reads. The tenant is left out of the key (checked on the few rows of a customer id):
-- without its text comparisons each row's index insert costs about a fifth less.
CREATE TABLE customer_activity_pending (LIKE customer_activity_daily INCLUDING DEFAULTS);
CREATE INDEX customer_activity_pending_idx ON customer_activity_pending (customer_id, day);

CREATE TABLE customer_feature_pending (LIKE customer_feature_daily INCLUDING DEFAULTS);
CREATE INDEX customer_feature_pending_idx ON customer_feature_pending (customer_id, day);

-- One row per customer, UTC day and action, as customer_activity_daily would hold it if every bucket were folded.
-- Conditions on tenant, customer_id, day or action are pushed into both tables (and their indexes).
CREATE VIEW customer_activity AS
SELECT tenant, customer_id, day, action, sum(events)::bigint AS events, sum(usage)::bigint AS usage,
       min(first_at) AS first_at, max(last_at) AS last_at
FROM (SELECT tenant, customer_id, day, action, events, usage, first_at, last_at FROM customer_activity_daily
      UNION ALL
      SELECT tenant, customer_id, day, action, events, usage, first_at, last_at FROM customer_activity_pending) AS b
GROUP BY tenant, customer_id, day, action;

CREATE VIEW customer_features AS
SELECT tenant, customer_id, day, feature, min(first_at) AS first_at, max(last_at) AS last_at
FROM (SELECT tenant, customer_id, day, feature, first_at, last_at FROM customer_feature_daily
      UNION ALL
      SELECT tenant, customer_id, day, feature, first_at, last_at FROM customer_feature_pending) AS b
GROUP BY tenant, customer_id, day, feature;

-- Moves every committed pending bucket into the daily tables, in one transaction (readers of the views see the
-- buckets either pending or folded, never both or neither). One folder at a time across instances (an advisory
-- lock; the others return at once); the upserts take keys in order, so they cannot deadlock with a rebuild.
-- Returns the pending rows folded.
CREATE FUNCTION auditrail_fold_health_pending() RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE
    activity_rows bigint;
    feature_rows bigint;
BEGIN
    IF NOT pg_try_advisory_xact_lock(hashtext('auditrail_fold_health_pending')) THEN
        RETURN 0;
    END IF;
    WITH moved AS (DELETE FROM customer_activity_pending RETURNING *),
    folded AS (
        INSERT INTO customer_activity_daily AS t
        SELECT tenant, customer_id, day, action, sum(events), sum(usage), min(first_at), max(last_at)
        FROM moved GROUP BY tenant, customer_id, day, action ORDER BY tenant, customer_id, day, action
        ON CONFLICT (tenant, customer_id, day, action) DO UPDATE SET events = t.events + excluded.events,
            usage = t.usage + excluded.usage, first_at = LEAST(t.first_at, excluded.first_at),
            last_at = GREATEST(t.last_at, excluded.last_at))
    SELECT count(*) INTO activity_rows FROM moved;
    WITH moved AS (DELETE FROM customer_feature_pending RETURNING *),
    folded AS (
        INSERT INTO customer_feature_daily AS t
        SELECT tenant, customer_id, day, feature, min(first_at), max(last_at)
        FROM moved GROUP BY tenant, customer_id, day, feature ORDER BY tenant, customer_id, day, feature
        ON CONFLICT (tenant, customer_id, day, feature) DO UPDATE SET first_at = LEAST(t.first_at, excluded.first_at),
            last_at = GREATEST(t.last_at, excluded.last_at))
    SELECT count(*) INTO feature_rows FROM moved;
    RETURN activity_rows + feature_rows;
END
$$;
