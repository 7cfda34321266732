// The writers' pending health buckets (V007, V008) and their folding into the daily tables: folding changes no answer,
// and buckets written while folds run are neither lost nor counted twice.
#include <support/ingest_harness.hpp>

#include <src/health_folder.hpp>


#include <catch2/catch.hpp>

#include <atomic>
#include <chrono>
#include <string>
#include <thread>
#include <vector>

namespace auditrail::test {
namespace {

/// The activity and feature state of `tenant` as the views show it, as text lines in key order.
std::vector<std::string> ViewRows(pg::Connection& db, const std::string& tenant) {
    std::vector<std::string> lines;
    for (const char* sql :
         {"SELECT customer_id, day, action, events, usage, first_at, last_at FROM customer_activity"
          " WHERE tenant = $1 ORDER BY customer_id, day, action",
          "SELECT customer_id, day, feature, first_at, last_at FROM customer_features"
          " WHERE tenant = $1 ORDER BY customer_id, day, feature"}) {
        for (auto& line : RowLines(db.Exec(sql, {tenant}))) lines.push_back(std::move(line));
    }
    return lines;
}

/// The same state computed from the stored events themselves (V003's back-fill rules).
std::vector<std::string> RowsFromEvents(pg::Connection& db, const std::string& tenant) {
    std::vector<std::string> lines;
    for (const char* sql :
         {"SELECT customer_id, (occurred_at AT TIME ZONE 'UTC')::date, action, count(*),"
          " coalesce(sum(CASE WHEN action IN ('api.call', 'feature.used')"
          " THEN coalesce((data->>'count')::bigint, 1) ELSE 0 END), 0), min(occurred_at), max(occurred_at)"
          " FROM events WHERE tenant = $1 AND customer_id IS NOT NULL GROUP BY 1, 2, 3 ORDER BY 1, 2, 3",
          "SELECT customer_id, (occurred_at AT TIME ZONE 'UTC')::date, data->>'feature', min(occurred_at),"
          " max(occurred_at) FROM events WHERE tenant = $1 AND customer_id IS NOT NULL AND action = 'feature.used'"
          " GROUP BY 1, 2, 3 ORDER BY 1, 2, 3"}) {
        for (auto& line : RowLines(db.Exec(sql, {tenant}))) lines.push_back(std::move(line));
    }
    return lines;
}

}  // namespace

TEST_CASE("folding the pending health buckets changes no answer", "[ingest][pg][health]") {
    IngestHarness harness(WithoutBackgroundFolds);
    harness.WaitReady();
    TestClient client(harness.Port());
    const auto tenant = UniqueTenant("health-fold");
    const auto token = TestToken(tenant, "events:write");
    // The same buckets in several requests (so several pending rows per key), then an earlier event of a bucket
    // after its first fold.
    for (const std::string at : {"2026-11-02T09:00:00Z", "2026-11-02T17:30:00Z", "2026-11-02T12:00:00Z"}) {
        REQUIRE(PostEvents(client, token, CustomerEvent(5, "customer.login", at)).status == 201);
        const auto feature = CustomerEvent(5, "feature.used", at, R"({"feature":"export","count":3})");
        REQUIRE(PostEvents(client, token, feature).status == 201);
    }
    auto db = Connect();
    const auto before = ViewRows(*db, tenant);
    REQUIRE(before.size() == 3);  // login and feature.used activity, one feature bucket
    CHECK(before[0].find("|customer.login|3|0|") != std::string::npos);
    CHECK(before[1].find("|feature.used|3|9|") != std::string::npos);

    FoldAllPending(*db, tenant);
    CHECK(ViewRows(*db, tenant) == before);
    CHECK(db->Exec("SELECT events FROM customer_activity_daily WHERE tenant = $1 AND action = 'customer.login'",
                   {tenant})
              .GetInt(0, 0) == 3);

    REQUIRE(PostEvents(client, token, CustomerEvent(5, "customer.login", "2026-11-02T08:15:00Z")).status == 201);
    const auto after_new = ViewRows(*db, tenant);
    const auto login = db->Exec("SELECT events, to_char(first_at AT TIME ZONE 'UTC', 'HH24:MI'),"
                                " to_char(last_at AT TIME ZONE 'UTC', 'HH24:MI') FROM customer_activity"
                                " WHERE tenant = $1 AND action = 'customer.login'",
                                {tenant});
    REQUIRE(login.Rows() == 1);
    CHECK(login.GetInt(0, 0) == 4);
    CHECK(login.Get(0, 1) == "08:15");
    CHECK(login.Get(0, 2) == "17:30");
    FoldAllPending(*db, tenant);
    CHECK(ViewRows(*db, tenant) == after_new);
    CHECK(ViewRows(*db, tenant) == RowsFromEvents(*db, tenant));
}

TEST_CASE("a bucket written without a slot (the previous release's writer) is folded too", "[ingest][pg][health]") {
    auto db = Connect();
    const auto tenant = UniqueTenant("health-fold-noslot");
    db->Exec("INSERT INTO customer_activity_pending (tenant, customer_id, day, action, events, usage, first_at,"
             " last_at) VALUES ($1, 9, '2026-11-04', 'customer.login', 2, 0, '2026-11-04T08:00:00Z',"
             " '2026-11-04T09:00:00Z')",
             {tenant});
    CHECK(db->Exec("SELECT slot FROM customer_activity_pending WHERE tenant = $1", {tenant}).GetInt(0, 0) == 0);
    FoldAllPending(*db, tenant);
    CHECK(db->Exec("SELECT events FROM customer_activity_daily WHERE tenant = $1 AND customer_id = 9", {tenant})
              .GetInt(0, 0) == 2);
}

TEST_CASE("a fold that cannot truncate a slot while a reader holds it deletes its rows", "[ingest][pg][health]") {
    IngestHarness harness(WithoutBackgroundFolds);
    harness.WaitReady();
    TestClient client(harness.Port());
    const auto tenant = UniqueTenant("health-fold-reader");
    const auto token = TestToken(tenant, "events:write");
    for (const std::string at : {"2026-11-03T09:00:00Z", "2026-11-03T10:00:00Z"}) {
        const auto call = CustomerEvent(7, "api.call", at, R"({"endpoint":"/x","count":5})");
        REQUIRE(PostEvents(client, token, call).status == 201);
    }
    auto db = Connect();
    const auto before = ViewRows(*db, tenant);
    REQUIRE(before.size() == 1);
    // A reader in an open transaction holds every pending partition (ACCESS SHARE) until it ends, so TRUNCATE
    // cannot have them; the fold must neither wait for it nor leave the rows behind.
    auto reader = Connect();
    reader->Exec("BEGIN");
    CHECK(reader->Exec("SELECT count(*) FROM customer_activity_pending WHERE tenant = $1", {tenant}).GetInt(0, 0) ==
          2);
    FoldAllPending(*db, tenant);
    CHECK(ViewRows(*db, tenant) == before);
    CHECK(db->Exec("SELECT events, usage FROM customer_activity_daily WHERE tenant = $1", {tenant}).GetInt(0, 1) == 10);
    reader->Exec("COMMIT");
}

TEST_CASE("buckets written while folds run are neither lost nor counted twice", "[ingest][pg][health]") {
    // Folds every 20 ms in the service, and more from the test, while four clients post.
    IngestHarness harness(
        [](ingest::IngestConfig& config) { config.writer.health_fold_interval = std::chrono::milliseconds(20); });
    harness.WaitReady();
    const auto tenant = UniqueTenant("health-fold-race");
    const auto token = TestToken(tenant, "events:write");
    std::atomic<bool> posting{true};
    std::atomic<int> failures{0};
    std::thread folder([&] {
        auto db = Connect();
        while (posting.load()) ingest::FoldHealthPending(*db);
    });
    std::vector<std::thread> clients;
    for (int c = 0; c < 4; ++c) {
        clients.emplace_back([&, c] {
            TestClient client(harness.Port());
            for (int i = 0; i < 60; ++i) {
                std::string body = R"({"events":[)";
                for (int e = 0; e < 5; ++e) {
                    const int customer = 1 + (i + e) % 3;  // few keys, so the same buckets keep being hit
                    const std::string at = "2026-11-0" + std::to_string(1 + e % 2) + "T1" + std::to_string(c) + ":" +
                                           std::to_string(10 + i % 50) + ":0" + std::to_string(e) + "Z";
                    if (e > 0) body += ',';
                    body += e % 2 ? CustomerEvent(customer, "feature.used", at,
                                                  R"({"feature":"f)" + std::to_string(e) + "\"}")
                                  : CustomerEvent(customer, "api.call", at, R"({"endpoint":"/x","count":2})");
                }
                if (PostEvents(client, token, body + "]}").status != 201) ++failures;
            }
        });
    }
    for (auto& thread : clients) thread.join();
    posting = false;
    folder.join();
    CHECK(failures.load() == 0);
    auto db = Connect();
    CHECK(db->Exec("SELECT count(*) FROM events WHERE tenant = $1", {tenant}).GetInt(0, 0) == 4 * 60 * 5);
    const auto expected = RowsFromEvents(*db, tenant);
    REQUIRE(!expected.empty());
    CHECK(ViewRows(*db, tenant) == expected);
    FoldAllPending(*db, tenant);
    CHECK(ViewRows(*db, tenant) == expected);

    // The service's own folder ran and says so in /metrics.
    TestClient client(harness.Port());
    const auto metrics = client.Request("GET", "/metrics").body;
    CHECK(metrics.find("auditrail_health_fold_seconds_count") != std::string::npos);
    CHECK(metrics.find("auditrail_health_fold_seconds_count 0\n") == std::string::npos);
    CHECK(metrics.find("auditrail_health_folded_rows_total") != std::string::npos);
}

}  // namespace auditrail::test
