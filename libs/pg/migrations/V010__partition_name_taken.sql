-- A table named like a month's partition but not attached to events (detached by hand, say) used to pass for the
-- partition: every write of that month then failed with "no partition of relation events found for row", and
-- nothing said why. The month's partition now has to be attached to events; otherwise the error names the table and
-- what to do. Nothing is re-attached or created under another name on the operator's behalf: the table may have
-- been detached on purpose, and a second table for the same month would split its events.
CREATE OR REPLACE FUNCTION auditrail_ensure_month_partition(at timestamptz) RETURNS text
LANGUAGE plpgsql AS $$
DECLARE
    month_start timestamp := date_trunc('month', at AT TIME ZONE 'UTC');
    name text := 'events_p' || to_char(month_start, 'YYYYMM');
BEGIN
    PERFORM pg_advisory_xact_lock(hashtext('auditrail.partitions'));
    IF to_regclass(name) IS NULL THEN
        EXECUTE format('CREATE TABLE %I PARTITION OF events FOR VALUES FROM (%L) TO (%L)',
                       name, (month_start AT TIME ZONE 'UTC'),
                       ((month_start + interval '1 month') AT TIME ZONE 'UTC'));
    ELSIF NOT EXISTS (SELECT 1 FROM pg_inherits WHERE inhrelid = to_regclass(name) AND inhparent = 'events'::regclass)
    THEN
        RAISE EXCEPTION '% exists but is not a partition of events (detached?): attach it again or rename it, so that its month can be written', name
            USING ERRCODE = 'object_not_in_prerequisite_state';
    END IF;
    RETURN name;
END
$$;
