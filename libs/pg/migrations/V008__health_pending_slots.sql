-- The pending health buckets of V007 in three partitions that take turns ("slots"), so that a fold empties a
-- partition with TRUNCATE instead of DELETE: the DELETE was a quarter of each fold, and every fold left ~180,000
-- dead rows (and their index entries) for autovacuum to clean up, all of it PostgreSQL CPU taken from the writers.
--
-- The writers read the active slot in each batch's transaction and COPY into that partition. A fold makes the
-- next slot active and folds the one that stopped being active at the fold before (one fold interval ago), so no
-- writer that read it can still be writing there unless its transaction is that old; a SHARE lock waits for any
-- such writer (and holds back a late one until the fold commits, after which it writes into an empty partition
-- that the next turn folds). Readers still read every partition through the parent, so nothing is ever counted
-- twice or missed whichever partition a bucket is in.

CREATE TABLE health_pending_slot (
    only_row boolean  PRIMARY KEY DEFAULT true CHECK (only_row),
    slot     smallint NOT NULL CHECK (slot BETWEEN 0 AND 2)
);
INSERT INTO health_pending_slot (slot) VALUES (0);

DROP VIEW customer_activity;
DROP VIEW customer_features;
ALTER TABLE customer_activity_pending RENAME TO customer_activity_pending_v007;
ALTER TABLE customer_feature_pending RENAME TO customer_feature_pending_v007;
DROP INDEX customer_activity_pending_idx;
DROP INDEX customer_feature_pending_idx;

-- Rows COPYed into the parent without a slot (a writer of the previous release during a rolling upgrade) go to
-- slot 0, which is folded in its turn like the others.
CREATE TABLE customer_activity_pending (LIKE customer_activity_daily INCLUDING DEFAULTS,
                                        slot smallint NOT NULL DEFAULT 0) PARTITION BY LIST (slot);
CREATE TABLE customer_feature_pending (LIKE customer_feature_daily INCLUDING DEFAULTS,
                                       slot smallint NOT NULL DEFAULT 0) PARTITION BY LIST (slot);
DO $$
BEGIN
    FOR s IN 0..2 LOOP
        -- Each partition's slot column defaults to its own value: the writers COPY into the partition itself.
        EXECUTE format('CREATE TABLE customer_activity_pending_%s PARTITION OF customer_activity_pending'
                       ' (slot DEFAULT %s) FOR VALUES IN (%s)', s, s, s);
        EXECUTE format('CREATE TABLE customer_feature_pending_%s PARTITION OF customer_feature_pending'
                       ' (slot DEFAULT %s) FOR VALUES IN (%s)', s, s, s);
    END LOOP;
END
$$;
-- As in V007: for one customer's reads, without the tenant (checked on the few rows of a customer id).
CREATE INDEX customer_activity_pending_idx ON customer_activity_pending (customer_id, day);
CREATE INDEX customer_feature_pending_idx ON customer_feature_pending (customer_id, day);

INSERT INTO customer_activity_pending
SELECT tenant, customer_id, day, action, events, usage, first_at, last_at, 0 FROM customer_activity_pending_v007;
INSERT INTO customer_feature_pending
SELECT tenant, customer_id, day, feature, first_at, last_at, 0 FROM customer_feature_pending_v007;
DROP TABLE customer_activity_pending_v007;
DROP TABLE customer_feature_pending_v007;

-- The views of V007, unchanged.
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

DROP FUNCTION auditrail_fold_health_pending();

-- Folds one slot's buckets into the daily tables and empties it, in the caller's transaction; returns the rows
-- folded. The upserts take keys in order, so they cannot deadlock with a rebuild.
CREATE FUNCTION auditrail_fold_health_slot(folded_slot smallint) RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE
    activity_rows bigint;
    feature_rows bigint;
    session_lock_timeout text := current_setting('lock_timeout');
BEGIN
    -- Waits for writers still in this partition and holds back late ones; readers are not blocked.
    EXECUTE format('LOCK TABLE customer_activity_pending_%s, customer_feature_pending_%s IN SHARE MODE',
                   folded_slot, folded_slot);
    -- One read of the partition: the groups carry how many pending rows each folds.
    EXECUTE format(
        'WITH g AS (SELECT tenant, customer_id, day, action, sum(events) AS events, sum(usage) AS usage,'
        ' min(first_at) AS first_at, max(last_at) AS last_at, count(*) AS pending_rows'
        ' FROM customer_activity_pending_%s GROUP BY tenant, customer_id, day, action),'
        ' folded AS (INSERT INTO customer_activity_daily AS t'
        ' SELECT tenant, customer_id, day, action, events, usage, first_at, last_at FROM g'
        ' ORDER BY tenant, customer_id, day, action'
        ' ON CONFLICT (tenant, customer_id, day, action) DO UPDATE SET events = t.events + excluded.events,'
        ' usage = t.usage + excluded.usage, first_at = LEAST(t.first_at, excluded.first_at),'
        ' last_at = GREATEST(t.last_at, excluded.last_at))'
        ' SELECT coalesce(sum(pending_rows), 0) FROM g', folded_slot) INTO activity_rows;
    EXECUTE format(
        'WITH g AS (SELECT tenant, customer_id, day, feature, min(first_at) AS first_at, max(last_at) AS last_at,'
        ' count(*) AS pending_rows FROM customer_feature_pending_%s GROUP BY tenant, customer_id, day, feature),'
        ' folded AS (INSERT INTO customer_feature_daily AS t'
        ' SELECT tenant, customer_id, day, feature, first_at, last_at FROM g'
        ' ORDER BY tenant, customer_id, day, feature'
        ' ON CONFLICT (tenant, customer_id, day, feature) DO UPDATE SET'
        ' first_at = LEAST(t.first_at, excluded.first_at), last_at = GREATEST(t.last_at, excluded.last_at))'
        ' SELECT coalesce(sum(pending_rows), 0) FROM g', folded_slot) INTO feature_rows;
    IF activity_rows + feature_rows = 0 THEN
        RETURN 0;
    END IF;
    -- TRUNCATE needs the partitions to itself: a long reader (a tenant-wide health load takes seconds) would make
    -- it wait, and every new reader would queue behind it. So it waits briefly and otherwise DELETEs.
    BEGIN
        PERFORM set_config('lock_timeout', '50ms', true);
        EXECUTE format('TRUNCATE customer_activity_pending_%s, customer_feature_pending_%s', folded_slot, folded_slot);
    EXCEPTION WHEN lock_not_available THEN
        EXECUTE format('DELETE FROM customer_activity_pending_%s', folded_slot);
        EXECUTE format('DELETE FROM customer_feature_pending_%s', folded_slot);
    END;
    PERFORM set_config('lock_timeout', session_lock_timeout, true);
    RETURN activity_rows + feature_rows;
END
$$;

-- One turn: makes the next slot active (committed at once, so that new batches go there) and folds the slot that
-- stopped being active one turn earlier. One folder at a time across instances (a session advisory lock; the
-- others return 0 at once). Returns the pending rows folded. CALL it outside a transaction block.
CREATE PROCEDURE auditrail_fold_health_pending(INOUT folded bigint DEFAULT 0) LANGUAGE plpgsql AS $$
DECLARE
    active smallint;
BEGIN
    folded := 0;
    IF NOT pg_try_advisory_lock(hashtext('auditrail_fold_health_pending')) THEN
        RETURN;
    END IF;
    UPDATE health_pending_slot SET slot = (slot + 1) % 3 RETURNING slot INTO active;
    COMMIT;
    folded := auditrail_fold_health_slot(((active + 1) % 3)::smallint);
    COMMIT;
    PERFORM pg_advisory_unlock(hashtext('auditrail_fold_health_pending'));
END
$$;
