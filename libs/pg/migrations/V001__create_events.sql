-- The event store: one row per event, partitioned by month of occurred_at. Every key starts with the
-- tenant so that the table can later be distributed by tenant (Citus) unchanged.
CREATE TABLE events (
    tenant           text        NOT NULL,
    occurred_at      timestamptz NOT NULL,
    id               uuid        NOT NULL,
    received_at      timestamptz NOT NULL,
    category         text        NOT NULL,
    action           text        NOT NULL,
    outcome          text        NOT NULL,
    actor_id         text,
    actor_type       text,
    actor_name       text,
    actor_ip         text,
    actor_user_agent text,
    customer_id      bigint,
    store_id         bigint,
    resource_type    text,
    resource_id      text,
    message          text,
    data             jsonb,
    ingested_by      text        NOT NULL,
    -- Retries are idempotent on (tenant, occurred_at, id): API.md §2.
    PRIMARY KEY (tenant, occurred_at, id)
) PARTITION BY RANGE (occurred_at);

-- Creates the month partition holding `at` unless it exists. The advisory lock serialises concurrent
-- writers and maintenance so that two never race on the same CREATE.
CREATE FUNCTION auditrail_ensure_month_partition(at timestamptz) RETURNS text
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
    END IF;
    RETURN name;
END
$$;
