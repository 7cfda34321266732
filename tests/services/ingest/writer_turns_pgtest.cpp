// The batch writers' turns (WriterSettings::parallel_min_events): whether they take turns or write side by side,
// every request from many concurrent connections is answered 201 and its events are stored exactly once.
#include <support/ingest_harness.hpp>

#include <catch2/catch.hpp>

#include <atomic>
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

}  // namespace auditrail::test
