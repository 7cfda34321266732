#include "ingest_harness.hpp"

#include <src/health_folder.hpp>

#include <auditrail/pg/connection.hpp>
#include <auditrail/pg/result.hpp>

#include <chrono>
#include <stdexcept>
#include <thread>

namespace auditrail::test {

IngestHarness::IngestHarness(const std::function<void(ingest::IngestConfig&)>& adjust) {
    Connect();  // migrates once per process
    ingest::IngestConfig config;
    config.server.listen = "127.0.0.1:0";
    config.server.io_threads = 2;
    config.server.handler_timeout = std::chrono::milliseconds(5000);
    config.jwt.hs256_secret = kTestSecret;
    config.writer.database_url = DatabaseUrl();
    config.writer.writers = 2;
    config.writer.linger = std::chrono::milliseconds(1);
    config.writer.drain_timeout = std::chrono::milliseconds(20000);
    config.partitions.database_url = DatabaseUrl();
    if (adjust) adjust(config);
    service_ = std::make_unique<ingest::IngestService>(std::move(config));
    service_->Start();
}

IngestHarness::~IngestHarness() { service_->Shutdown(); }

void IngestHarness::WaitReady() {
    TestClient client(Port());
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(15);
    while (std::chrono::steady_clock::now() < deadline) {
        if (client.Request("GET", "/readyz").status == 200) return;
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    throw std::runtime_error("the ingest service did not become ready within 15 s");
}

HttpResult PostEvents(TestClient& client, const std::string& token, const std::string& body,
                      const std::string& content_type, const Headers& extra) {
    Headers headers = {{"Authorization", "Bearer " + token}, {"Content-Type", content_type}};
    headers.insert(headers.end(), extra.begin(), extra.end());
    return client.Request("POST", "/v1/events", body, headers);
}

std::string CustomerEvent(int customer_id, const std::string& action, const std::string& occurred_at,
                          const std::string& data) {
    return R"({"action":")" + action + R"(","customer_id":)" + std::to_string(customer_id) + R"(,"occurred_at":")" +
           occurred_at + "\"" + (data.empty() ? "" : R"(,"data":)" + data) + "}";
}

void WithoutBackgroundFolds(ingest::IngestConfig& config) {
    config.writer.health_fold_interval = std::chrono::hours(1);
}

namespace {

/// `tenant`'s activity and feature buckets still pending (V007, V008), in every slot.
std::int64_t PendingHealthRows(pg::Connection& db, const std::string& tenant) {
    return db.Exec("SELECT (SELECT count(*) FROM customer_activity_pending WHERE tenant = $1)"
                   " + (SELECT count(*) FROM customer_feature_pending WHERE tenant = $1)",
                   {tenant})
        .GetInt(0, 0);
}

}  // namespace

void FoldAllPending(pg::Connection& db, const std::string& tenant) {
    for (int attempt = 0; attempt < 500 && PendingHealthRows(db, tenant) > 0; ++attempt) {
        if (ingest::FoldHealthPending(db) == 0) std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    if (PendingHealthRows(db, tenant) > 0) throw std::runtime_error("health buckets still pending after 500 folds");
}

}  // namespace auditrail::test
