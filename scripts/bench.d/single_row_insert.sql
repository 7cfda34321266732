-- The single-row baseline (pgbench script): one event row per transaction, shaped like the \copy baseline's rows
-- (baseline_rows.sql), so that PostgreSQL's own commit rate for one row at a time can be set beside the service's
-- single-event rate. Each pgbench transaction is this one autocommitted INSERT.
\set g random(1, 200000)
INSERT INTO events (tenant, occurred_at, id, received_at, category, action, outcome, actor_id, actor_type, actor_name,
  actor_ip, actor_user_agent, customer_id, store_id, resource_type, resource_id, message, data, ingested_by)
VALUES ('bench', now() - (:g % 600000) * interval '1 ms', gen_random_uuid(), now(),
  (ARRAY['authenticate','content','api','product','authenticate','support','billing'])[1 + :g % 7],
  (ARRAY['user.login','document.viewed','api.call','feature.used','customer.login','ticket.opened','invoice.paid'])[1 + :g % 7],
  CASE WHEN :g % 20 = 0 THEN 'failure' ELSE 'success' END, 'user-' || (:g * 7919 % 100000), 'user',
  'User ' || (:g * 7919 % 100000), '10.' || (:g % 256) || '.' || (:g / 256 % 256) || '.7',
  'Mozilla/5.0 (X11; Linux x86_64)', 1 + :g % 1000, 100 + :g % 7, 'document', 'r-' || :g,
  'the quick brown fox jumps over the lazy dog the q',
  '{"browser": "Firefox", "mfa": true, "endpoint": "/v2/orders", "count": 3}', 'pgbench');
