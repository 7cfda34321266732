// The write path under failure: PostgreSQL restarted under load, and SIGTERM-style shutdown.
#include <support/ingest_harness.hpp>
#include <src/batch_writer.hpp>
#include <auditrail/common/metrics.hpp>

#include <auditrail/events/time.hpp>
#include <auditrail/events/uuid.hpp>

#include <catch2/catch.hpp>

#include <atomic>
#include <future>
#include <map>
#include <mutex>
#include <thread>

namespace auditrail::test {
namespace {

/// Posts batches of events with client-chosen ids and times until `stop`, keeping what was acknowledged.
struct Poster {
    std::mutex mutex;
    std::vector<std::string> acked_ids;
    std::map<int, int> statuses;
    std::vector<std::string> transport_errors;

    void Run(std::uint16_t port, const std::string& token, std::atomic<bool>& stop, const Headers& extra = {}) {
        TestClient client(port);
        while (!stop.load()) {
            std::vector<std::string> ids;
            std::string body = "{\"events\":[";
            const auto occurred = events::FormatRfc3339(events::NowUs());
            for (int i = 0; i < 10; ++i) {
                ids.push_back(events::NewUuidV7(events::NowUs()));
                body += std::string(i ? "," : "") + R"({"id":")" + ids.back() + R"(","occurred_at":")" + occurred +
                        R"(","action":"load.test"})";
            }
            body += "]}";
            HttpResult result;
            try {
                result = PostEvents(client, token, body, "application/json", extra);
            } catch (const std::exception& error) {
                std::lock_guard lock(mutex);
                transport_errors.push_back(error.what());
                continue;
            }
            std::lock_guard lock(mutex);
            ++statuses[result.status];
            if (result.status == 201 || result.status == 202) {
                acked_ids.insert(acked_ids.end(), ids.begin(), ids.end());
            } else if (result.status == 503) {
                std::this_thread::sleep_for(std::chrono::milliseconds(20));
            }
        }
    }
};

/// How many times each id is stored for `tenant`; ids never stored are absent.
std::map<std::string, std::int64_t> StoredCounts(const std::string& tenant) {
    auto db = Connect();
    const auto rows = db->Exec("SELECT id::text, count(*) FROM events WHERE tenant = $1 GROUP BY id", {tenant});
    std::map<std::string, std::int64_t> counts;
    for (int row = 0; row < rows.Rows(); ++row) counts[std::string(rows.Get(row, 0))] = rows.GetInt(row, 1);
    return counts;
}

}  // namespace

TEST_CASE("PostgreSQL restarted under load: no 500, every acknowledged event stored exactly once", "[ingest][pg][failure]") {
    IngestHarness harness([](ingest::IngestConfig& config) {
        config.server.handler_timeout = std::chrono::milliseconds(2000);
    });
    harness.WaitReady();
    const auto tenant = UniqueTenant("restart");
    const auto token = TestToken(tenant, "events:write");
    Poster poster;
    std::atomic<bool> stop{false};
    std::vector<std::thread> threads;
    for (int i = 0; i < 4; ++i) threads.emplace_back([&] { poster.Run(harness.Port(), token, stop); });

    std::this_thread::sleep_for(std::chrono::milliseconds(1500));
    StopDatabase();
    std::this_thread::sleep_for(std::chrono::milliseconds(2500));
    StartDatabase();
    // Posting goes on until the service takes writes again, and a little longer.
    harness.WaitReady();
    std::this_thread::sleep_for(std::chrono::milliseconds(1500));
    stop = true;
    for (auto& thread : threads) thread.join();
    harness.Service().Shutdown();

    INFO("statuses seen: " << [&] {
        std::string text;
        for (const auto& [status, count] : poster.statuses) text += std::to_string(status) + "×" + std::to_string(count) + " ";
        return text;
    }());
    CHECK(poster.transport_errors.empty());
    for (const auto& [status, count] : poster.statuses) CHECK((status == 201 || status == 503));
    CHECK(poster.statuses[503] > 0);  // the outage was seen
    REQUIRE(poster.statuses[201] > 0);
    const auto stored = StoredCounts(tenant);
    std::size_t missing = 0;
    std::size_t duplicated = 0;
    for (const auto& id : poster.acked_ids) {
        const auto found = stored.find(id);
        if (found == stored.end()) {
            ++missing;
        } else if (found->second != 1) {
            ++duplicated;
        }
    }
    CHECK(poster.acked_ids.size() > 100);
    CHECK(missing == 0);
    CHECK(duplicated == 0);
}

TEST_CASE("shutdown drains every queued event into the database", "[ingest][pg]") {
    IngestHarness harness([](ingest::IngestConfig& config) {
        // A long linger keeps events queued when shutdown begins.
        config.writer.linger = std::chrono::milliseconds(200);
        config.writer.writers = 1;
    });
    harness.WaitReady();
    const auto tenant = UniqueTenant("drain");
    const auto token = TestToken(tenant, "events:write");
    Poster poster;
    std::atomic<bool> stop{false};
    std::vector<std::thread> threads;
    for (int i = 0; i < 2; ++i) {
        threads.emplace_back([&] { poster.Run(harness.Port(), token, stop, {{"Prefer", "respond-async"}}); });
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(800));
    stop = true;
    for (auto& thread : threads) thread.join();
    CHECK(harness.Service().Shutdown());
    REQUIRE(poster.acked_ids.size() > 0);
    CHECK(poster.statuses[202] > 0);
    const auto stored = StoredCounts(tenant);
    CHECK(stored.size() == poster.acked_ids.size());
    for (const auto& id : poster.acked_ids) CHECK(stored.count(id) == 1);
}

TEST_CASE("writers that reach a database without the events table wait for it instead of ending the process",
          "[ingest][pg][failure]") {
    // A query service may start before the ingest service has migrated: the writers reach PostgreSQL but find no
    // events table. Here, a schema of its own stands for such a database.
    const auto schema = "s_" + UniqueTenant("unmigrated").substr(2);
    const std::string quoted = "\"" + schema + "\"";
    auto db = Connect();
    db->Exec("CREATE SCHEMA " + quoted);
    ingest::WriterSettings settings;
    settings.database_url = DatabaseUrl() + "?options=-csearch_path%3D" + schema;
    settings.writers = 1;
    ingest::RequestQueue queue(queue::QueueCapacity{100, 1 << 20});
    common::MetricsRegistry metrics;
    ingest::BatchWriters writers(settings, queue, metrics);
    writers.Start();
    std::this_thread::sleep_for(std::chrono::milliseconds(500));
    CHECK_FALSE(writers.DatabaseUp());

    // Once the table is there, the writer connects (it looks again every 2 s while idle).
    db->Exec("CREATE TABLE " + quoted + ".events (LIKE public.events)");
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(15);
    while (!writers.DatabaseUp() && std::chrono::steady_clock::now() < deadline) {
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    CHECK(writers.DatabaseUp());
    CHECK(writers.Drain());
    db->Exec("DROP SCHEMA " + quoted + " CASCADE");
}

TEST_CASE("the same events posted twice at once, in opposite orders, are both answered 201 and stored once",
          "[ingest][pg][failure]") {
    // The two batches insert the same keys in opposite orders, so each waits on the other's index entries until
    // PostgreSQL breaks the deadlock (40P01): the loser is retried, not answered 503. One request a batch, so that
    // the two go to the two writers.
    constexpr int kEvents = 500;
    IngestHarness harness([](ingest::IngestConfig& config) {
        config.writer.batch_max = kEvents;
        config.writer.linger = std::chrono::milliseconds(0);
    });
    harness.WaitReady();
    const auto tenant = UniqueTenant("same-ids");
    const auto token = TestToken(tenant, "events:write");
    constexpr int kRounds = 5;  // each deadlock costs deadlock_timeout (1 s) before PostgreSQL breaks it
    std::map<int, int> statuses;
    for (int round = 0; round < kRounds; ++round) {
        std::vector<std::string> events;
        for (int i = 0; i < kEvents; ++i) {
            const auto now = events::NowUs();
            events.push_back(R"({"id":")" + events::NewUuidV7(now) + R"(","action":"same.ids","occurred_at":")" +
                             events::FormatRfc3339(now) + "\"}");
        }
        const auto body = [&](bool reversed) {
            std::string out = R"({"events":[)";
            for (int i = 0; i < kEvents; ++i) {
                if (i > 0) out += ',';
                out += events[static_cast<std::size_t>(reversed ? kEvents - 1 - i : i)];
            }
            return out + "]}";
        };
        std::vector<std::future<int>> answers;
        for (const bool reversed : {false, true}) {
            answers.push_back(std::async(std::launch::async, [&, reversed] {
                TestClient client(harness.Port());
                return PostEvents(client, token, body(reversed)).status;
            }));
        }
        for (auto& answer : answers) ++statuses[answer.get()];
    }
    INFO("201 answers: " << statuses[201] << " of " << 2 * kRounds);
    CHECK(statuses == std::map<int, int>{{201, 2 * kRounds}});
    auto db = Connect();
    const auto stored = db->Exec("SELECT count(*), count(DISTINCT id) FROM events WHERE tenant = $1", {tenant});
    CHECK(stored.GetInt(0, 0) == kRounds * kEvents);
    CHECK(stored.GetInt(0, 1) == kRounds * kEvents);
}

TEST_CASE("a writer whose statement goes unanswered makes the service not ready until it is answered",
          "[ingest][pg][failure]") {
    IngestHarness harness([](ingest::IngestConfig& config) {
        config.writer.stalled_after = std::chrono::milliseconds(300);
        config.writer.writers = 1;
    });
    harness.WaitReady();
    const auto token = TestToken(UniqueTenant("stalled"), "events:write");
    const auto ready = [&] { return TestClient(harness.Port()).Request("GET", "/readyz").status; };
    const auto wait_for = [&](int status) {
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
        while (ready() != status && std::chrono::steady_clock::now() < deadline) {
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
        }
        return ready();
    };

    // A lock stands for a server that does not answer: the writer's INSERT waits behind it.
    auto locker = Connect();
    locker->Exec("BEGIN");
    locker->Exec("LOCK TABLE events IN ACCESS EXCLUSIVE MODE");
    auto post = std::async(std::launch::async, [&] {
        TestClient client(harness.Port());
        return PostEvents(client, token, R"({"action":"stalled.write"})").status;
    });
    CHECK(wait_for(503) == 503);
    locker->Exec("COMMIT");
    CHECK(post.get() == 201);
    CHECK(wait_for(200) == 200);
}

TEST_CASE("an answered-202 batch whose statement is cancelled is written again, not dropped",
          "[ingest][pg][failure]") {
    IngestHarness harness([](ingest::IngestConfig& config) { config.writer.writers = 1; });
    harness.WaitReady();
    const auto tenant = UniqueTenant("cancelled");
    const auto id = events::NewUuidV7(events::NowUs());
    // A lock holds the writer's INSERT, and an operator (or a statement_timeout) cancels it while it waits.
    auto locker = Connect();
    locker->Exec("BEGIN");
    locker->Exec("LOCK TABLE events IN SHARE MODE");
    TestClient client(harness.Port());
    const auto posted = PostEvents(client, TestToken(tenant, "events:write"),
                                   R"({"action":"cancelled.write","id":")" + id + R"("})", "application/json",
                                   {{"Prefer", "respond-async"}});
    REQUIRE(posted.status == 202);
    auto db = Connect();
    int cancelled = 0;
    for (int i = 0; i < 200 && cancelled == 0; ++i) {
        cancelled = db->Exec("SELECT count(*) FILTER (WHERE pg_cancel_backend(pid)) FROM pg_stat_activity "
                             "WHERE wait_event_type = 'Lock' AND query LIKE '%INSERT INTO events%'")
                        .GetInt(0, 0) > 0;
        if (!cancelled) std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    REQUIRE(cancelled);
    locker->Exec("COMMIT");
    int stored = 0;
    for (int i = 0; i < 200 && stored == 0; ++i) {
        stored = static_cast<int>(
            db->Exec("SELECT count(*) FROM events WHERE tenant = $1 AND id = $2::uuid", {tenant, id}).GetInt(0, 0));
        if (stored == 0) std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    CHECK(stored == 1);
}

}  // namespace auditrail::test
