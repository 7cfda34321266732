// The per-tenant token bucket in the running ingest service: 429 with Retry-After, counted in /metrics,
// nothing stored of a refused request, and writes pass again once the bucket has refilled.
#include <catch2/catch.hpp>
#include <chrono>
#include <string>
#include <support/ingest_harness.hpp>
#include <thread>

namespace auditrail::test {
namespace {

std::int64_t CountEvents(pg::Connection& db, const std::string& tenant) {
    return db.Exec("SELECT count(*) FROM events WHERE tenant = $1", {tenant}).GetInt(0, 0);
}

std::string Batch(int events) {
    std::string body = R"({"events":[)";
    for (int i = 0; i < events; ++i) body += std::string(i ? "," : "") + R"({"action":"rate.check"})";
    return body + "]}";
}

}  // namespace

TEST_CASE("a tenant over its ingest rate gets 429 with Retry-After, counted in /metrics, then recovers",
          "[ingest][pg][rate]") {
    // 10 events/s with a burst of 10: one event refills every 100 ms.
    IngestHarness harness([](ingest::IngestConfig& config) { config.rate_limit = {.events_per_second = 10, .burst = 10}; });
    harness.WaitReady();
    TestClient client(harness.Port());
    auto db = Connect();
    const auto tenant = UniqueTenant("rate");
    const auto other = UniqueTenant("rate-other");
    const auto token = TestToken(tenant, "events:write");

    // Asynchronously, so that no commit wait stands between the two requests and refills the bucket.
    REQUIRE(PostEvents(client, token, Batch(10), "application/json", {{"Prefer", "respond-async"}}).status == 202);
    const auto limited = PostEvents(client, token, Batch(5));
    CHECK(limited.status == 429);
    CHECK(limited.Header("content-type") == "application/problem+json");
    CHECK(JsonMember(limited.body, "code") == "rate_limited");
    CHECK(limited.Header("retry-after") == "1");
    // Another tenant has its own bucket.
    CHECK(PostEvents(client, TestToken(other, "events:write"), Batch(10)).status == 201);

    const auto metrics = client.Request("GET", "/metrics");
    REQUIRE(metrics.status == 200);
    CHECK(metrics.body.find("auditrail_events_rejected_total{reason=\"rate_limited\"} 5") != std::string::npos);
    CHECK(metrics.body.find("auditrail_http_requests_total{route=\"/v1/events\",status=\"429\"} 1") !=
          std::string::npos);

    // 600 ms refill 6 events, enough for the 5 refused.
    std::this_thread::sleep_for(std::chrono::milliseconds(600));
    CHECK(PostEvents(client, token, Batch(5)).status == 201);
    // The asynchronous batch may still be committing on the other writer.
    for (int attempt = 0; attempt < 50 && CountEvents(*db, tenant) < 15; ++attempt) {
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    CHECK(CountEvents(*db, tenant) == 15);
    CHECK(CountEvents(*db, other) == 10);
}

}  // namespace auditrail::test
