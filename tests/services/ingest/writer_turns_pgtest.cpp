// The batch writers' turns (WriterSettings::parallel_min_events): whether they take turns or write side by side,
// every request from many concurrent connections is answered 201 and its events are stored exactly once; and a
// small batch stuck in its transaction hands the turn on (WriterSettings::parallel_after).
#include <support/ingest_harness.hpp>

#include <catch2/catch.hpp>

#include <atomic>
#include <chrono>
#include <future>
#include <string>
#include <thread>
#include <vector>

namespace auditrail::test {

TEST_CASE("concurrent posts all commit once whether the writers take turns or write side by side",
          "[ingest][pg]") {
    // 1: every batch hands the turn on at once (side by side); a million: one writer at a time, always.
    const int parallel_min_events = GENERATE(1, 1'000'000);
    CAPTURE(parallel_min_events);
    IngestHarness harness([parallel_min_events](ingest::IngestConfig& config) {
        config.writer.parallel_min_events = static_cast<std::size_t>(parallel_min_events);
        config.writer.linger = std::chrono::milliseconds(0);
    });
    harness.WaitReady();
    const auto tenant = UniqueTenant("writer-turns");
    const auto token = TestToken(tenant, "events:write");
    constexpr int kConnections = 8;
    constexpr int kPostsEach = 40;
    std::atomic<int> created{0};
    std::vector<std::thread> clients;
    for (int connection = 0; connection < kConnections; ++connection) {
        clients.emplace_back([&, connection] {
            TestClient client(harness.Port());
            for (int post = 0; post < kPostsEach; ++post) {
                // Alternately one event and a batch of two, so that batches of different sizes mix.
                const std::string one = R"({"action":"turns.one","message":")" + std::to_string(connection) + "-" +
                                        std::to_string(post) + "\"}";
                const std::string body = post % 2 == 0 ? one : R"({"events":[)" + one + "," + one + "]}";
                if (PostEvents(client, token, body).status == 201) ++created;
            }
        });
    }
    for (auto& client : clients) client.join();
    CHECK(created.load() == kConnections * kPostsEach);

    auto db = Connect();
    const auto stored = db->Exec("SELECT count(*), count(DISTINCT id) FROM events WHERE tenant = $1", {tenant});
    const std::int64_t expected = kConnections * (kPostsEach / 2) * 3;  // half the posts carry 1 event, half 2
    CHECK(stored.GetInt(0, 0) == expected);
    CHECK(stored.GetInt(0, 1) == expected);
}

TEST_CASE("a small batch stuck in its transaction lets the next batch be written beside it", "[ingest][pg]") {
    IngestHarness harness([](ingest::IngestConfig& config) {
        config.writer.parallel_after = std::chrono::milliseconds(50);
        config.writer.linger = std::chrono::milliseconds(0);
    });
    harness.WaitReady();
    auto db = Connect();
    // The first event goes to last month's partition, which this connection locks so that its INSERT waits; the
    // second goes to this month's.
    const auto month = db->Exec(
        "SELECT to_char(t, 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'), auditrail_ensure_month_partition(t) "
        "FROM (SELECT now() - interval '35 days' AS t) m");
    const std::string stuck_at = std::string(month.Get(0, 0));
    const std::string stuck_partition = std::string(month.Get(0, 1));
    const auto stuck_tenant = UniqueTenant("writer-stuck");
    const auto next_tenant = UniqueTenant("writer-next");

    db->Exec("BEGIN");
    db->Exec("LOCK TABLE " + stuck_partition + " IN SHARE MODE");
    auto stuck = std::async(std::launch::async, [&] {
        TestClient client(harness.Port());
        return PostEvents(client, TestToken(stuck_tenant, "events:write"),
                          R"({"action":"turns.stuck","occurred_at":")" + stuck_at + "\"}").status;
    });
    // Until the stuck batch's INSERT waits for the lock.
    auto watcher = Connect();
    const std::string waiting =
        "SELECT count(*) FROM pg_locks WHERE NOT granted AND relation = '" + stuck_partition + "'::regclass";
    const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (watcher->Exec(waiting).GetInt(0, 0) == 0 && std::chrono::steady_clock::now() < give_up) {
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    REQUIRE(watcher->Exec(waiting).GetInt(0, 0) == 1);

    TestClient client(harness.Port());
    CHECK(PostEvents(client, TestToken(next_tenant, "events:write"), R"({"action":"turns.next"})").status == 201);
    CHECK(stuck.wait_for(std::chrono::seconds(0)) == std::future_status::timeout);
    db->Exec("ROLLBACK");
    CHECK(stuck.get() == 201);

    for (const auto& tenant : {stuck_tenant, next_tenant}) {
        CHECK(watcher->Exec("SELECT count(*) FROM events WHERE tenant = $1", {tenant}).GetInt(0, 0) == 1);
    }
    // At least the stuck batch handed on (the next one may have too, if its commit took 50 ms on a slow machine).
    const auto metrics = client.Request("GET", "/metrics").body;
    const std::string counter = "\nauditrail_slow_commits_total ";
    const auto at = metrics.find(counter);
    REQUIRE(at != std::string::npos);
    CHECK(std::stod(metrics.substr(at + counter.size())) >= 1);
}

}  // namespace auditrail::test
