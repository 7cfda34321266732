-- Partition maintenance, run at start and periodically by the ingest service and by
-- `auditrail partitions`: make `ahead` months of partitions, and detach (or drop) the partitions wholly
-- older than the retention window. Only one caller works at a time (a transaction-level advisory lock);
-- the others return at once. Returns one line per change.
CREATE FUNCTION auditrail_maintain_partitions(ahead int, retention_months int, drop_old boolean)
RETURNS SETOF text LANGUAGE plpgsql AS $$
DECLARE
    this_month timestamp := date_trunc('month', now() AT TIME ZONE 'UTC');
    keep_from timestamptz := (this_month - make_interval(months => retention_months)) AT TIME ZONE 'UTC';
    part record;
    made text;
BEGIN
    IF NOT pg_try_advisory_xact_lock(hashtext('auditrail.maintenance')) THEN
        RETURN;
    END IF;
    FOR m IN 0..ahead LOOP
        made := auditrail_ensure_month_partition(((this_month + make_interval(months => m)) AT TIME ZONE 'UTC'));
    END LOOP;
    FOR part IN
        SELECT c.relname AS name
        FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
        WHERE i.inhparent = 'events'::regclass
          AND c.relname ~ '^events_p[0-9]{6}$'
          AND (to_date(substr(c.relname, 9), 'YYYYMM') + interval '1 month') <= (keep_from AT TIME ZONE 'UTC')
        ORDER BY c.relname
    LOOP
        EXECUTE format('ALTER TABLE events DETACH PARTITION %I', part.name);
        IF drop_old THEN
            EXECUTE format('DROP TABLE %I', part.name);
            RETURN NEXT 'dropped ' || part.name;
        ELSE
            RETURN NEXT 'detached ' || part.name;
        END IF;
    END LOOP;
END
$$;
