// GET /v1/events/export: every format parsed back and counted; a client that leaves stops the query.
#include <sys/socket.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <support/query_harness.hpp>
#include <thread>

#include "query_rows.hpp"
#include "xlsx_reader.hpp"

namespace auditrail::test {
namespace {

/// Splits RFC 4180 CSV into records of fields.
std::vector<std::vector<std::string>> ParseCsv(std::string_view text) {
    std::vector<std::vector<std::string>> records(1, std::vector<std::string>(1));
    bool quoted = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        auto& field = records.back().back();
        if (quoted) {
            if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
                field.push_back('"');
                ++i;
            } else if (c == '"') {
                quoted = false;
            } else {
                field.push_back(c);
            }
        } else if (c == '"') {
            quoted = true;
        } else if (c == ',') {
            records.back().emplace_back();
        } else if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
            ++i;
            records.emplace_back(1);
        } else {
            field.push_back(c);
        }
    }
    if (records.back().size() == 1 && records.back()[0].empty()) records.pop_back();
    return records;
}

void InsertMany(pg::Connection& db, const std::string& tenant, int count) {
    db.Exec(Shift("SELECT auditrail_ensure_month_partition('2025-03-15')"));
    db.Exec(Shift("INSERT INTO events (tenant, occurred_at, id, received_at, category, action, outcome, actor_id,"
                  " customer_id, message, data, ingested_by)"
                  " SELECT $1, timestamptz '2025-03-01' + i * interval '1 second', gen_random_uuid(), now(), 'general',"
                  " 'user.login', 'success', 'actor-' || (i % 10), i % 100, 'message, \"quoted\" ' || i,"
                  " jsonb_build_object('i', i, 'text', 'a,b'), 'test' FROM generate_series(1, $2::int) i"),
            {tenant, std::to_string(count)});
}

const std::string kWindow = Shift("from=2025-03-01T00:00:00Z&to=2025-04-01T00:00:00Z");

/// Starts a CSV export of `tenant` on a raw connection and reads only its first bytes, so that the export stays in
/// progress (blocked on a full socket) until the connection is closed. Returns the connection.
int StartExportAndStall(std::uint16_t port, const std::string& tenant) {
    const int fd = RawConnect(port);
    const std::string request = "GET /v1/events/export?format=csv&" + kWindow +
                                " HTTP/1.1\r\nHost: x\r\n"
                                "Authorization: Bearer " +
                                TestToken(tenant, "events:export") + "\r\n\r\n";
    REQUIRE(::send(fd, request.data(), request.size(), 0) == static_cast<ssize_t>(request.size()));
    char buffer[4096];
    REQUIRE(::recv(fd, buffer, sizeof buffer, 0) > 0);  // the export has started
    return fd;
}

}  // namespace

TEST_CASE("exports stream every matching event as CSV, NDJSON and XLSX", "[query][pg]") {
    QueryHarness query;
    auto db = Connect();
    const auto tenant = UniqueTenant("qexport");
    InsertMany(*db, tenant, 3000);
    InsertRows(*db, tenant,
               {{.occurred_at = Shift("2025-03-28T23:59:59Z"),
                 .action = "x.y",
                 .message = "=cmd|' /C calc'!A0\nline two",
                 .data = R"({"k": "v"})"}});
    TestClient client(query.Port());
    const auto token = TestToken(tenant, "events:export");

    const auto csv = Get(client, token, "/v1/events/export?format=csv&" + kWindow);
    REQUIRE(csv.status == 200);
    CHECK(csv.Header("content-type") == "text/csv; charset=utf-8");
    CHECK(csv.Header("content-disposition").rfind("attachment; filename=\"events-", 0) == 0);
    CHECK(csv.Header("transfer-encoding") == "chunked");
    const auto records = ParseCsv(csv.body);
    REQUIRE(records.size() == 3002);
    CHECK(records[0].size() == 18);
    CHECK(records[0][0] == "id");
    CHECK(records[0][17] == "ingested_by");
    for (const auto& record : records) REQUIRE(record.size() == 18);
    // Newest first by default: the formula-looking message comes back verbatim.
    CHECK(records[1][4] == "x.y");
    CHECK(records[1][15] == "=cmd|' /C calc'!A0\nline two");
    CHECK(records[1][16] == R"({"k":"v"})");
    CHECK(records[1][1] == Shift("2025-03-28T23:59:59.000000Z"));
    CHECK(records[2][15] == "message, \"quoted\" 3000");
    CHECK(records[2][16] == R"({"i":3000,"text":"a,b"})");

    const auto filtered =
        ParseCsv(Get(client, token, "/v1/events/export?format=csv&order=asc&actor_id=actor-3&" + kWindow).body);
    CHECK(filtered.size() == 301);
    CHECK(filtered[1][15] == "message, \"quoted\" 3");

    const auto ndjson = Get(client, token, "/v1/events/export?format=ndjson&" + kWindow);
    REQUIRE(ndjson.status == 200);
    CHECK(ndjson.Header("content-type") == "application/x-ndjson");
    simdjson::dom::parser parser;
    std::size_t lines = 0;
    std::set<std::string> ids;
    for (auto document : parser.parse_many(ndjson.body)) {
        ids.emplace(std::string_view(document["id"].get_string()));
        CHECK(std::string_view(document["tenant"].get_string()) == tenant);
        ++lines;
    }
    CHECK(lines == 3001);
    CHECK(ids.size() == 3001);
    CHECK(std::count(ndjson.body.begin(), ndjson.body.end(), '\n') == 3001);

    const auto xlsx = Get(client, token, "/v1/events/export?format=xlsx&" + kWindow);
    REQUIRE(xlsx.status == 200);
    CHECK(xlsx.Header("content-type") == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    const auto rows = SheetRows(ReadZipEntry(xlsx.body, "xl/worksheets/sheet1.xml"));
    REQUIRE(rows.size() == 3002);
    CHECK(rows[0][0] == "id");
    CHECK(rows[1][15] == "=cmd|' /C calc'!A0\nline two");
    CHECK(rows[2][11] == "0");  // customer_id 3000 % 100, a number
    CHECK(rows[2][0] == records[2][0]);
}

TEST_CASE("exports hold at most half the connection pool; the rest is left to searches", "[query][pg]") {
    QueryHarness query([](query::QueryConfig& config) { config.pool_size = 2; });  // one export at a time
    auto db = Connect();
    const auto tenant = UniqueTenant("qslots");
    InsertMany(*db, tenant, 200000);
    const int fd = StartExportAndStall(query.Port(), tenant);
    TestClient client(query.Port());
    const std::string token = "Bearer " + TestToken(tenant, "events:export events:read");
    const auto refused =
        client.Request("GET", "/v1/events/export?format=ndjson&" + kWindow, "", {{"Authorization", token}});
    CHECK(refused.status == 503);
    CHECK(refused.body.find("\"code\":\"overloaded\"") != std::string::npos);
    CHECK(refused.Header("retry-after") == "10");
    CHECK(client.Request("GET", "/v1/events?limit=1&" + kWindow, "", {{"Authorization", token}}).status == 200);
    // HEAD runs no query, so it needs no slot: the head GET would have, without a body.
    const auto head = client.Request("HEAD", "/v1/events/export?format=csv&" + kWindow, "", {{"Authorization", token}});
    CHECK(head.status == 200);
    CHECK(head.Header("content-type").rfind("text/csv", 0) == 0);
    CHECK(head.Header("transfer-encoding") == "chunked");
    CHECK(head.body.empty());
    ::close(fd);  // the export stops, and gives its slot back
    int status = 0;
    for (int attempt = 0; attempt < 200 && status != 200; ++attempt) {
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
        status = client.Request("GET", "/v1/events/export?format=ndjson&action=none.such&" + kWindow, "",
                                {{"Authorization", token}})
                     .status;
    }
    CHECK(status == 200);
}

TEST_CASE("a client that disconnects mid-export stops the query", "[query][pg]") {
    QueryHarness query;
    auto db = Connect();
    const auto tenant = UniqueTenant("qcancel");
    InsertMany(*db, tenant, 200000);
    const int fd = StartExportAndStall(query.Port(), tenant);
    const auto running = [&] {
        return db
            ->Exec(
                "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'auditrail-query'"
                " AND query LIKE 'COPY%' AND query LIKE '%' || $1 || '%' AND state = 'active'",
                {tenant})
            .GetInt(0, 0);
    };
    CHECK(running() == 1);
    ::close(fd);
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    while (running() > 0 && std::chrono::steady_clock::now() < deadline) {
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    CHECK(running() == 0);
}

TEST_CASE("an export that fails before its first row closes its connection instead of pooling it without a timeout",
          "[query][pg][failure]") {
    QueryHarness query([](query::QueryConfig& config) { config.pool_size = 2; });
    auto db = Connect();
    const auto tenant = UniqueTenant("qfail");
    InsertMany(*db, tenant, 10);
    // The export's COPY waits behind this lock; cancelling it there fails the export before its first row.
    auto locker = Connect();
    locker->Exec("BEGIN");
    locker->Exec("LOCK TABLE events IN ACCESS EXCLUSIVE MODE");
    HttpResult failed;
    std::thread exporter([&] {
        TestClient client(query.Port());
        failed = client.Request("GET", "/v1/events/export?format=csv&" + kWindow, "",
                                {{"Authorization", "Bearer " + TestToken(tenant, "events:export")}});
    });
    const auto blocked_export = [&] {
        const auto rows = db->Exec(
            "SELECT pid FROM pg_stat_activity WHERE application_name = 'auditrail-query' AND query LIKE 'COPY%'"
            " AND query LIKE '%' || $1 || '%' AND wait_event_type = 'Lock'",
            {tenant});
        return rows.Rows() == 0 ? std::string() : std::string(rows.Get(0, 0));
    };
    std::string pid;
    for (int attempt = 0; attempt < 200 && pid.empty(); ++attempt) {
        std::this_thread::sleep_for(std::chrono::milliseconds(25));
        pid = blocked_export();
    }
    REQUIRE_FALSE(pid.empty());
    db->Exec("SELECT pg_cancel_backend(" + pid + ")");
    exporter.join();
    locker->Exec("COMMIT");
    CHECK(failed.status == 503);
    // Its session ran with statement_timeout = 0: it is closed, not back in the pool for the next search.
    const auto alive = [&] {
        return db->Exec("SELECT count(*) FROM pg_stat_activity WHERE pid = " + pid).GetInt(0, 0);
    };
    for (int attempt = 0; attempt < 100 && alive() > 0; ++attempt) {
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    CHECK(alive() == 0);
    TestClient client(query.Port());
    CHECK(client.Request("GET", "/v1/events?limit=1&" + kWindow, "",
                         {{"Authorization", "Bearer " + TestToken(tenant, "events:read")}})
              .status == 200);
}

}  // namespace auditrail::test
