#include "query_service.hpp"

#include <auditrail/common/log.hpp>
#include <auditrail/common/metrics.hpp>
#include <auditrail/http/operational_routes.hpp>
#include <auditrail/http/server.hpp>
#include <auditrail/pg/connection.hpp>
#include <auditrail/pg/errors.hpp>

namespace auditrail::query {

struct QueryService::Impl {
    explicit Impl(QueryConfig config) : config(std::move(config)), verifier(this->config.jwt) {}

    std::string NotReadyReason() const {
        try {
            pg::Connection connection(config.database_url);
            connection.Exec("SELECT 1 FROM schema_migrations LIMIT 1");
            return {};
        } catch (const pg::ConnectionError&) {
            return "database unreachable";
        } catch (const pg::QueryError&) {
            return "database not migrated yet";
        }
    }

    QueryConfig config;
    common::MetricsRegistry metrics;
    auth::JwtVerifier verifier;
    http::Router router;
    std::unique_ptr<http::Server> server;
};

QueryService::QueryService(QueryConfig config) : impl_(std::make_unique<Impl>(std::move(config))) {}

QueryService::~QueryService() { Shutdown(); }

void QueryService::Start() {
    auto& impl = *impl_;
    http::AddOperationalRoutes(impl.router, impl.metrics, [&impl] { return impl.NotReadyReason(); });
    impl.server = std::make_unique<http::Server>(impl.config.server, impl.router, impl.metrics);
    impl.server->Start();
    common::LogInfo("query service listening", {{"port", std::to_string(impl.server->Port())}});
}

std::uint16_t QueryService::Port() const { return impl_->server->Port(); }

void QueryService::Shutdown() {
    if (!impl_->server) return;
    impl_->server->Stop(std::chrono::milliseconds(5000));
    impl_->server.reset();
}

}  // namespace auditrail::query
