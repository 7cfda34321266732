-- Indexes for the query service's filters (API.md §3). Every one starts with the tenant and ends with
-- (occurred_at, id), so that an equality filter walks the index in keyset order and stops after a page.
-- Partial where the column is optional: events without it cost the write path nothing here.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE INDEX events_customer_idx ON events (tenant, customer_id, occurred_at, id) WHERE customer_id IS NOT NULL;
CREATE INDEX events_actor_idx ON events (tenant, actor_id, occurred_at, id) WHERE actor_id IS NOT NULL;
CREATE INDEX events_action_idx ON events (tenant, action, occurred_at, id);
-- GET /v1/events/{id}: the primary key starts with occurred_at, which a lookup by id does not know.
CREATE INDEX events_id_idx ON events (tenant, id);
