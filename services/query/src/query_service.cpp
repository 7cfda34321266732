#include "query_service.hpp"

#include <auditrail/common/log.hpp>
#include <auditrail/common/metrics.hpp>
#include <auditrail/http/operational_routes.hpp>
#include <auditrail/http/server.hpp>
#include <auditrail/identity/password_hash.hpp>
#include <auditrail/identity/session_keys.hpp>
#include <auditrail/pg/errors.hpp>
#include <auditrail/pg/pool.hpp>
#include <algorithm>
#include <ctime>
#include <stdexcept>

#include "audit_log.hpp"
#include "cursor.hpp"
#include "database.hpp"
#include "health_snapshot.hpp"
#include "page_budget.hpp"
#include "event_recorder.hpp"
#include "query_context.hpp"
#include "routes.hpp"
#include "session_state.hpp"

namespace auditrail::query {
namespace {

constexpr std::chrono::seconds kAnswerSlack{10};

pg::PoolSettings PoolSettingsOf(const QueryConfig& config) {
    pg::PoolSettings settings;
    settings.dsn = config.database_url;
    settings.max_size = config.pool_size;
    settings.acquire_timeout = config.pool_timeout;
    // No JIT: the service's statements are short, or scans whose cost estimate over a dozen partitions far exceeds
    // their run time; PostgreSQL compiled the tenant-wide health loader's cut-event read for 1.2 s of its 1.5 s.
    settings.session_sql = "SET statement_timeout = " + std::to_string(config.statement_timeout.count()) +
                           "; SET DateStyle = ISO; SET application_name = 'auditrail-query'; SET jit = off";
    // A server that accepts the connection and stops answering would hold a request (and its connection) for ever:
    // past the statement timeout, with room for the answer to travel, the call is given up (503).
    settings.answer_deadline = config.statement_timeout + kAnswerSlack;
    return settings;
}

/// Tokens and session cookies are signed with the configured private key, else the HS256 secret, and carry
/// the configured iss and aud.
IdentitySettings IdentitySettingsOf(const QueryConfig& config) {
    IdentitySettings settings = config.identity;
    if (settings.signing_key.Empty()) settings.signing_key = auth::SigningKey::Hs256(config.jwt.hs256_secret);
    settings.issuer = config.jwt.issuer;
    settings.audience = config.jwt.audience;
    return settings;
}

/// A token this service signs must pass its own verification (and every other service's with the same
/// key settings): refuse to start with a signing key whose public half is not among the verifying keys.
void CheckOwnTokensVerify(const IdentitySettings& identity, const auth::JwtVerifier& verifier) {
    if (identity.signing_key.Empty()) return;
    auth::TokenRequest probe;
    probe.tenant = "startup-check";
    probe.scope = "events:read";
    probe.issuer = identity.issuer;
    probe.audience = identity.audience;
    probe.ttl_s = 60;
    const auto result = verifier.Verify("Bearer " + identity.signing_key.Sign(probe), std::time(nullptr));
    if (result.status != auth::VerifyStatus::kOk) {
        throw std::invalid_argument("tokens signed with the " + std::string(identity.signing_key.Algorithm()) +
                                    " signing key do not verify: put its public key (with its kid) in --jwt-keys");
    }
}

/// Cursors are MACed with the HS256 secret; with public keys only, with a random per-process key (a cursor
/// then does not outlive the process), never with an empty one.
std::string CursorSecretOf(const auth::JwtSettings& jwt) {
    return jwt.hs256_secret.empty() ? identity::RandomToken(32) : jwt.hs256_secret;
}

/// The event form waits for its commit well inside the handler timeout, so that it answers the page itself.
RecorderSettings RecorderSettingsOf(const QueryConfig& config) {
    RecorderSettings settings;
    settings.database_url = config.database_url;
    settings.commit_wait = std::min(settings.commit_wait, config.server.handler_timeout / 2);
    return settings;
}

}  // namespace

struct QueryService::Impl {
    explicit Impl(QueryConfig config)
        : config(std::move(config)),
          verifier(this->config.jwt),
          pool(PoolSettingsOf(this->config)),
          cursors(CursorSecretOf(this->config.jwt)),
          audit(this->config.identity.audit
                    ? std::make_unique<AuditLog>(this->config.database_url, metrics, "auditrail-query")
                    : nullptr),
          recorder(std::make_unique<EventRecorder>(RecorderSettingsOf(this->config))),
          context{verifier, pool, cursors, metrics, this->config.xlsx, this->config.statement_timeout,
                  IdentitySettingsOf(this->config), audit.get()} {
        CheckOwnTokensVerify(context.identity, verifier);
        context.health = this->config.health;
        context.recorder = recorder.get();
        context.page_budget = &page_budget;
        context.session_check = [this](auth::Claims claims) -> std::optional<auth::Claims> {
            if (!identity::IsPersonSubject(claims.sub)) return claims;  // no connection for a service's token
            return WithDatabase([&] {
                auto connection = pool.Acquire();
                return CurrentSession(*connection, std::move(claims));
            });
        };
    }

    std::string NotReadyReason() {
        try {
            auto connection = pool.Acquire();
            connection->Exec("SELECT 1 FROM schema_migrations LIMIT 1");
            return {};
        } catch (const pg::PoolTimeout&) {
            return "every database connection is busy";
        } catch (const pg::ConnectionError&) {
            return "database unreachable";
        } catch (const pg::QueryError&) {
            return "database not migrated yet";
        }
    }

    QueryConfig config;
    common::MetricsRegistry metrics;
    auth::JwtVerifier verifier;
    pg::Pool pool;
    CursorCodec cursors;
    std::unique_ptr<AuditLog> audit;
    std::unique_ptr<EventRecorder> recorder;
    PageBudget page_budget{kPageBudgetBytes};
    QueryContext context;
    http::Router router;
    std::unique_ptr<http::Server> server;
    std::unique_ptr<HealthSnapshotRefresher> health_snapshots;
};

QueryService::QueryService(QueryConfig config) : impl_(std::make_unique<Impl>(std::move(config))) {}

QueryService::~QueryService() { Shutdown(); }

void QueryService::Start() {
    auto& impl = *impl_;
    http::AddOperationalRoutes(impl.router, impl.metrics, [&impl] { return impl.NotReadyReason(); });
    AddQueryRoutes(impl.router, impl.context);
    impl.metrics.Gauge("auditrail_db_connections_open", "Database connections open",
                       [&impl] { return static_cast<double>(impl.pool.OpenConnections()); });
    impl.metrics.Gauge("auditrail_db_connections_idle", "Database connections idle in the pool",
                       [&impl] { return static_cast<double>(impl.pool.IdleConnections()); });
    impl.server = std::make_unique<http::Server>(impl.config.server, impl.router, impl.metrics);
    impl.server->Start();
    impl.health_snapshots = std::make_unique<HealthSnapshotRefresher>(
        HealthSnapshotSettings{impl.config.health_snapshot_interval, impl.config.database_url}, impl.config.health);
    impl.health_snapshots->Start();
    common::LogInfo("query service listening", {{"port", std::to_string(impl.server->Port())}});
}

std::uint16_t QueryService::Port() const { return impl_->server->Port(); }

void QueryService::Shutdown() {
    if (impl_->health_snapshots) impl_->health_snapshots->Stop();
    if (!impl_->server) return;
    impl_->server->Stop(std::chrono::milliseconds(5000));
    impl_->server.reset();
    if (impl_->audit) impl_->audit->Drain();
    impl_->recorder->Drain();
}

}  // namespace auditrail::query
