-- Compact per-customer state for health scoring (HEALTH.md), kept current by the batch writers in the
-- same transaction as the events it comes from, so that scoring never scans raw events. Every merge
-- below is order-independent: events arriving out of order (paid before issued, closed before opened)
-- end in the same rows as in order.

-- One row per customer, UTC day and action, for every event that carries a customer_id.
CREATE TABLE customer_activity_daily (
    tenant      text        NOT NULL,
    customer_id bigint      NOT NULL,
    day         date        NOT NULL,
    action      text        NOT NULL,
    events      bigint      NOT NULL,
    usage       bigint      NOT NULL DEFAULT 0,  -- sum of data.count of api.call and feature.used
    first_at    timestamptz NOT NULL,            -- earliest occurred_at in the bucket
    last_at     timestamptz NOT NULL,            -- latest
    PRIMARY KEY (tenant, customer_id, day, action)
);

-- Distinct features used per customer and UTC day (feature.used's data.feature).
CREATE TABLE customer_feature_daily (
    tenant      text        NOT NULL,
    customer_id bigint      NOT NULL,
    day         date        NOT NULL,
    feature     text        NOT NULL,
    first_at    timestamptz NOT NULL,
    last_at     timestamptz NOT NULL,
    PRIMARY KEY (tenant, customer_id, day, feature)
);

-- One row per invoice, merged from invoice.issued and invoice.paid.
CREATE TABLE customer_invoices (
    tenant      text        NOT NULL,
    customer_id bigint      NOT NULL,
    invoice_id  text        NOT NULL,
    due_at      timestamptz,  -- data.due_at of the latest invoice.issued; NULL until one is seen
    issued_at   timestamptz,  -- occurred_at of that invoice.issued
    paid_at     timestamptz,  -- earliest data.paid_at (default occurred_at) of invoice.paid; NULL while unpaid
    PRIMARY KEY (tenant, customer_id, invoice_id)
);

-- One row per ticket, merged from ticket.opened and ticket.closed.
CREATE TABLE customer_tickets (
    tenant         text        NOT NULL,
    customer_id    bigint      NOT NULL,
    ticket_id      text        NOT NULL,
    priority       text        NOT NULL DEFAULT 'normal',
    opened_at      timestamptz,  -- ticket.opened's data.created_at (default occurred_at); until it is seen,
                                 -- ticket.closed's data.created_at when given
    opened_seen_at timestamptz,  -- occurred_at of the latest ticket.opened; NULL while known only from its close
    closed_at      timestamptz,  -- earliest data.closed_at (default occurred_at) of ticket.closed
    PRIMARY KEY (tenant, customer_id, ticket_id)
);

-- Back-fill from events written before this migration, with the same rules as the writers.
INSERT INTO customer_activity_daily
SELECT tenant, customer_id, (occurred_at AT TIME ZONE 'UTC')::date, action, count(*),
       coalesce(sum(CASE WHEN action IN ('api.call', 'feature.used')
                         THEN coalesce((data->>'count')::bigint, 1) ELSE 0 END), 0),
       min(occurred_at), max(occurred_at)
FROM events WHERE customer_id IS NOT NULL
GROUP BY 1, 2, 3, 4;

INSERT INTO customer_feature_daily
SELECT tenant, customer_id, (occurred_at AT TIME ZONE 'UTC')::date, data->>'feature', min(occurred_at), max(occurred_at)
FROM events WHERE customer_id IS NOT NULL AND action = 'feature.used' AND data ? 'feature'
GROUP BY 1, 2, 3, 4;

INSERT INTO customer_invoices
SELECT tenant, customer_id, data->>'invoice_id',
       (array_agg((data->>'due_at')::timestamptz ORDER BY occurred_at DESC)
            FILTER (WHERE action = 'invoice.issued'))[1],
       max(occurred_at) FILTER (WHERE action = 'invoice.issued'),
       min(coalesce((data->>'paid_at')::timestamptz, occurred_at)) FILTER (WHERE action = 'invoice.paid')
FROM events
WHERE customer_id IS NOT NULL AND action IN ('invoice.issued', 'invoice.paid') AND data ? 'invoice_id'
GROUP BY 1, 2, 3;

INSERT INTO customer_tickets
SELECT tenant, customer_id, data->>'ticket_id',
       coalesce((array_agg(coalesce(data->>'priority', 'normal') ORDER BY occurred_at DESC)
                     FILTER (WHERE action = 'ticket.opened'))[1], 'normal'),
       coalesce((array_agg(coalesce((data->>'created_at')::timestamptz, occurred_at) ORDER BY occurred_at DESC)
                     FILTER (WHERE action = 'ticket.opened'))[1],
                min((data->>'created_at')::timestamptz) FILTER (WHERE action = 'ticket.closed')),
       max(occurred_at) FILTER (WHERE action = 'ticket.opened'),
       min(coalesce((data->>'closed_at')::timestamptz, occurred_at)) FILTER (WHERE action = 'ticket.closed')
FROM events
WHERE customer_id IS NOT NULL AND action IN ('ticket.opened', 'ticket.closed') AND data ? 'ticket_id'
GROUP BY 1, 2, 3;
