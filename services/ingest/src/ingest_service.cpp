#include "ingest_service.hpp"

#include "batch_writer.hpp"
#include "handlers/post_events.hpp"
#include "health_folder.hpp"
#include "partition_keeper.hpp"
#include "person_sessions.hpp"

#include <auditrail/auth/jwt_verifier.hpp>
#include <auditrail/common/log.hpp>
#include <auditrail/common/metrics.hpp>
#include <auditrail/http/authenticate.hpp>
#include <auditrail/http/operational_routes.hpp>
#include <auditrail/http/problem.hpp>
#include <auditrail/http/server.hpp>
#include <auditrail/pg/connection.hpp>
#include <auditrail/pg/errors.hpp>
#include <auditrail/pg/migrations.hpp>

#include <atomic>
#include <thread>

namespace auditrail::ingest {
namespace {

/// How often the ingest service reloads people and signed-out sessions (PersonSessions): how long a sign-out,
/// deactivation or role change takes to reach POST /v1/events.
constexpr std::chrono::milliseconds kSessionReload{2000};

}  // namespace

struct IngestService::Impl {
    explicit Impl(IngestConfig config)
        : config(std::move(config)),
          verifier(this->config.jwt),
          queue(this->config.queue),
          rate_limiter(this->config.rate_limit),
          writers(this->config.writer, queue, metrics),
          keeper(this->config.partitions),
          folder(this->config.writer.database_url, this->config.writer.health_fold_interval, metrics),
          sessions(this->config.writer.database_url, kSessionReload),
          session_check([this](auth::Claims claims) { return sessions.Check(std::move(claims)); }) {}

    /// Migrations and partition maintenance, retried with backoff until the database answers or we are stopped.
    void PrepareDatabase() {
        auto backoff = std::chrono::milliseconds(200);
        while (!stopping.load()) {
            try {
                pg::Connection connection(config.writer.database_url);
                const int applied = pg::ApplyMigrations(connection);
                try {
                    keeper.RunOnce();  // partitions ahead and retention
                } catch (const pg::QueryError& error) {
                    // A month that cannot be made (a partition detached by hand, say) must not keep the service
                    // down: the writes that need it are answered 503 naming the table, and the periodic run and
                    // the writers' own on-demand creation try again.
                    common::LogError("partition maintenance failed; retried at its next run",
                                     {{"error", error.what()}});
                }
                common::LogInfo("database ready", {{"migrations_applied", std::to_string(applied)}});
                prepared = true;
                return;
            } catch (const pg::ConnectionError& error) {
                common::LogWarn("database not reachable; retrying", {{"error", error.what()}});
            } catch (const pg::QueryError& error) {
                // Not ready (a read-only database, a migration that fails): /readyz says so, and it is tried again.
                common::LogError("database could not be migrated; retrying", {{"error", error.what()}});
            }
            std::this_thread::sleep_for(backoff);
            backoff = std::min(backoff * 2, std::chrono::milliseconds(5000));
        }
    }

    std::string NotReadyReason() const {
        if (stopping.load()) return "shutting down";
        if (!prepared.load()) return "database not prepared yet";
        if (!writers.DatabaseUp()) return "database unreachable";
        return {};
    }

    IngestConfig config;
    common::MetricsRegistry metrics;
    auth::JwtVerifier verifier;
    RequestQueue queue;
    RateLimiter rate_limiter;
    BatchWriters writers;
    PartitionKeeper keeper;
    HealthFolder folder;
    PersonSessions sessions;
    http::SessionCheck session_check;
    http::Router router;
    std::unique_ptr<http::Server> server;
    std::thread preparer;
    std::atomic<bool> prepared{false};
    std::atomic<bool> stopping{false};
};

IngestService::IngestService(IngestConfig config) : impl_(std::make_unique<Impl>(std::move(config))) {}

IngestService::~IngestService() {
    if (impl_->server) Shutdown();
}

void IngestService::Start() {
    auto& impl = *impl_;
    http::AddOperationalRoutes(impl.router, impl.metrics, [&impl] { return impl.NotReadyReason(); });
    impl.router.Add("POST", "/v1/events",
                    http::AsyncHandler(PostEvents(
                        impl.verifier, impl.queue, impl.rate_limiter, impl.config.limits, impl.config.server.body_limit,
                        [&impl] { return impl.prepared.load() && impl.writers.DatabaseUp(); }, impl.metrics,
                        &impl.session_check)));
    // A client that waits for 100 Continue (curl does for bodies over 1 KiB) learns of a bad token before it
    // uploads the events.
    impl.router.CheckHeads("POST", "/v1/events", [&impl](const http::Request& head) -> std::optional<http::Response> {
        try {
            http::Authenticate(head, impl.verifier, "events:write", &impl.session_check);
            return std::nullopt;
        } catch (const http::HttpError& error) {
            return error.ToResponse();
        }
    });
    // Kept only once listening: a service that never started has nothing to shut down or report stopped.
    auto server = std::make_unique<http::Server>(impl.config.server, impl.router, impl.metrics);
    server->Start();
    impl.server = std::move(server);
    // The writers reconnect by themselves; migrations wait for the database in the background so that
    // /healthz answers at once and /readyz says why it is not ready yet.
    impl.preparer = std::thread([&impl] {
        impl.PrepareDatabase();
        if (impl.stopping.load()) return;
        impl.writers.Start();
        impl.keeper.Start();
        impl.sessions.Start();
        if (impl.config.writer.health_state) impl.folder.Start();
    });
    common::LogInfo("ingest service listening", {{"port", std::to_string(impl.server->Port())}});
}

std::uint16_t IngestService::Port() const { return impl_->server->Port(); }

bool IngestService::Shutdown() {
    auto& impl = *impl_;
    if (!impl.server) return true;
    impl.stopping = true;
    impl.server->StopAccepting();
    if (impl.preparer.joinable()) impl.preparer.join();
    impl.keeper.Stop();
    impl.folder.Stop();
    impl.sessions.Stop();
    const bool drained = impl.writers.Drain();
    // Requests answered by the drain still have to be written out.
    impl.server->Stop(std::chrono::milliseconds(5000));
    impl.server.reset();
    common::LogInfo("ingest service stopped", {{"drained", drained ? "true" : "false"}});
    return drained;
}

}  // namespace auditrail::ingest
