-- Tenants (accounts), service clients and people. Secrets and passwords are stored only as Argon2id hashes.
CREATE TABLE tenants (
    id         text PRIMARY KEY CHECK (id ~ '^[a-z0-9][a-z0-9_-]{0,62}$'),
    name       text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE service_clients (
    client_id   text PRIMARY KEY,
    tenant      text NOT NULL REFERENCES tenants (id),
    name        text NOT NULL,
    secret_hash text NOT NULL,
    scopes      text NOT NULL,  -- the scopes a token for this client may carry, space-separated
    disabled    boolean NOT NULL DEFAULT false,
    created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX service_clients_tenant ON service_clients (tenant);

CREATE TABLE users (
    id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant        text NOT NULL REFERENCES tenants (id),
    email         text NOT NULL,
    password_hash text NOT NULL,
    role          text NOT NULL CHECK (role IN ('owner', 'admin', 'analyst', 'content_creator')),
    active        boolean NOT NULL DEFAULT true,
    created_at    timestamptz NOT NULL DEFAULT now()
);
-- People sign in with their email alone, so an email names one user across tenants.
CREATE UNIQUE INDEX users_email ON users (lower(email));
CREATE INDEX users_tenant ON users (tenant);
