// POST /v1/events end to end: the real service, the real database.
#include <support/ingest_harness.hpp>

#include <auditrail/http/content_coding.hpp>
#include <auditrail/pg/partitions.hpp>

#include <catch2/catch.hpp>
#include <support/test_client.hpp>

#include <unistd.h>

#include <chrono>
#include <thread>

namespace auditrail::test {
namespace {

std::string OneRowAsText(pg::Connection& db, const std::string& tenant, const std::string& id) {
    const auto result = db.Exec(
        "SELECT tableoid::regclass::text, to_char(occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US'),"
        " category, action, outcome, actor_id, actor_type, actor_name, actor_ip, actor_user_agent,"
        " customer_id::text, store_id::text, resource_type, resource_id, message, data::text, ingested_by,"
        " received_at > now() - interval '1 minute'"
        " FROM events WHERE tenant = $1 AND id = $2",
        {tenant, id});
    REQUIRE(result.Rows() == 1);
    std::string row;
    for (int column = 0; column < result.Columns(); ++column) {
        row += result.IsNull(0, column) ? std::string("NULL") : std::string(result.Get(0, column));
        row += "|";
    }
    return row;
}

std::int64_t CountEvents(pg::Connection& db, const std::string& tenant) {
    return db.Exec("SELECT count(*) FROM events WHERE tenant = $1", {tenant}).GetInt(0, 0);
}

}  // namespace

TEST_CASE("a posted event is stored in its month's partition with every field", "[ingest][pg]") {
    IngestHarness harness;
    harness.WaitReady();
    TestClient client(harness.Port());
    const auto tenant = UniqueTenant("fields");
    const auto token = TestToken(tenant, "events:write", "billing-service");
    // Two months back: a back-filled month gets its partition on demand.
    const auto result = PostEvents(client, token, R"({
        "id": "01936F6E-3F4A-7C8E-9D2B-5A1F0C3E7B21",
        "occurred_at": "2026-09-15T10:30:00.123456+02:00",
        "category": "authenticate", "action": "user.login", "outcome": "failure",
        "actor": {"id": "jdoe", "type": "user", "name": "Jane Doe", "ip": "192.168.1.10", "user_agent": "Mozilla/5.0"},
        "customer_id": 5001, "store_id": 101,
        "resource": {"type": "session", "id": "s-42"},
        "message": "User login failed",
        "data": {"browser": "Chrome", "mfa": true, "nested": {"a": [1, 2]}}})");
    REQUIRE(result.status == 201);
    CHECK(result.body == R"({"accepted":1,"ids":["01936f6e-3f4a-7c8e-9d2b-5a1f0c3e7b21"]})");

    auto db = Connect();
    CHECK(OneRowAsText(*db, tenant, "01936f6e-3f4a-7c8e-9d2b-5a1f0c3e7b21") ==
          "events_p202609|2026-09-15T08:30:00.123456|authenticate|user.login|failure|jdoe|user|Jane Doe|"
          "192.168.1.10|Mozilla/5.0|5001|101|session|s-42|User login failed|"
          "{\"mfa\": true, \"nested\": {\"a\": [1, 2]}, \"browser\": \"Chrome\"}|billing-service|t|");
}

TEST_CASE("defaults are filled in and a server-assigned id is returned", "[ingest][pg]") {
    IngestHarness harness;
    harness.WaitReady();
    TestClient client(harness.Port());
    const auto tenant = UniqueTenant("defaults");
    const auto result = PostEvents(client, TestToken(tenant, "events:write"), R"({"action":"api.key.rotated"})");
    REQUIRE(result.status == 201);
    const auto ids = AcceptedIds(result.body);
    REQUIRE(ids.size() == 1);
    auto db = Connect();
    const auto row = db->Exec(
        "SELECT category, outcome, actor_id IS NULL, data IS NULL, tableoid::regclass::text = "
        "'events_p' || to_char(now() AT TIME ZONE 'UTC', 'YYYYMM'), abs(extract(epoch FROM occurred_at - now())) < 60"
        " FROM events WHERE tenant = $1 AND id = $2",
        {tenant, ids[0]});
    REQUIRE(row.Rows() == 1);
    CHECK(row.Get(0, 0) == "general");
    CHECK(row.Get(0, 1) == "success");
    CHECK(row.Get(0, 2) == "t");
    CHECK(row.Get(0, 3) == "t");
    CHECK(row.Get(0, 4) == "t");
    CHECK(row.Get(0, 5) == "t");
}

TEST_CASE("a batch, an NDJSON and a protobuf body are stored whole, ids in input order", "[ingest][pg]") {
    IngestHarness harness;
    harness.WaitReady();
    TestClient client(harness.Port());
    const auto tenant = UniqueTenant("batch");
    const auto token = TestToken(tenant, "events:write");
    const auto batch = PostEvents(client, token,
                                  R"({"events":[{"action":"a.one"},{"action":"a.two"},{"action":"a.three"}]})");
    REQUIRE(batch.status == 201);
    CHECK(AcceptedIds(batch.body).size() == 3);
    const auto ndjson = PostEvents(client, token, "{\"action\":\"n.one\"}\n\n{\"action\":\"n.two\"}\n",
                                   "application/x-ndjson");
    REQUIRE(ndjson.status == 201);
    CHECK(AcceptedIds(ndjson.body).size() == 2);
    // An EventBatch of one event {action: "p.one"}, encoded by hand (field 1 → Event, field 4 → action).
    const std::string protobuf = std::string("\x0a\x07\x22\x05p.one", 9);
    const auto binary = PostEvents(client, token, protobuf, "application/x-protobuf");
    REQUIRE(binary.status == 201);
    CHECK(PostEvents(client, token, "\xff\xff", "application/x-protobuf").status == 400);
    auto db = Connect();
    CHECK(CountEvents(*db, tenant) == 6);
    const auto first = db->Exec("SELECT action FROM events WHERE tenant = $1 AND id = $2", {tenant, AcceptedIds(batch.body)[0]});
    REQUIRE(first.Rows() == 1);
    CHECK(first.Get(0, 0) == "a.one");
}

TEST_CASE("a gzip-compressed NDJSON body is stored whole through the real server", "[ingest][pg][gzip]") {
    IngestHarness harness;
    harness.WaitReady();
    TestClient client(harness.Port());
    const auto tenant = UniqueTenant("gzip");
    const auto token = TestToken(tenant, "events:write");
    std::string lines;
    for (int i = 0; i < 200; ++i) lines += R"({"action":"g.line","message":"line )" + std::to_string(i) + "\"}\n";
    const auto posted = client.Request("POST", "/v1/events", http::GzipCompress(lines),
                                       {{"Authorization", "Bearer " + token},
                                        {"Content-Type", "application/x-ndjson"},
                                        {"Content-Encoding", "gzip"}});
    REQUIRE(posted.status == 201);
    CHECK(AcceptedIds(posted.body).size() == 200);
    const auto refused = client.Request("POST", "/v1/events", "{}",
                                        {{"Authorization", "Bearer " + token},
                                         {"Content-Type", "application/json"},
                                         {"Content-Encoding", "br"}});
    CHECK(refused.status == 415);
    CHECK(refused.Header("accept-encoding") == "gzip");
    auto db = Connect();
    CHECK(db->Exec("SELECT count(DISTINCT message) FROM events WHERE tenant = $1 AND action = 'g.line'", {tenant})
              .GetInt(0, 0) == 200);
}

TEST_CASE("a retried event and an event repeated inside a batch are stored once", "[ingest][pg]") {
    IngestHarness harness;
    harness.WaitReady();
    TestClient client(harness.Port());
    const auto tenant = UniqueTenant("dedup");
    const auto token = TestToken(tenant, "events:write");
    const std::string event =
        R"({"id":"7d444840-9dc0-11d1-b245-5ffdce74fad2","occurred_at":"2026-11-20T00:00:00Z","action":"x.y"})";
    REQUIRE(PostEvents(client, token, event).status == 201);
    // The retry: same tenant, id and occurred_at, alongside a new event, through the de-duplicating path.
    const auto retry = PostEvents(client, token,
                                  R"({"events":[)" + event + R"(,{"action":"x.new"},)" + event + "]}");
    REQUIRE(retry.status == 201);
    CHECK(AcceptedIds(retry.body).size() == 3);
    auto db = Connect();
    CHECK(CountEvents(*db, tenant) == 2);
    // The same id in another tenant is another event.
    const auto other = UniqueTenant("dedup-other");
    REQUIRE(PostEvents(client, TestToken(other, "events:write"), event).status == 201);
    CHECK(CountEvents(*db, other) == 1);
}

TEST_CASE("respond-async answers 202 and the events still reach the database", "[ingest][pg]") {
    IngestHarness harness;
    harness.WaitReady();
    TestClient client(harness.Port());
    const auto tenant = UniqueTenant("async");
    const auto result = PostEvents(client, TestToken(tenant, "events:write"), R"({"action":"a.sync"})",
                                   "application/json", {{"Prefer", "respond-async"}});
    REQUIRE(result.status == 202);
    CHECK(AcceptedIds(result.body).size() == 1);
    harness.Service().Shutdown();  // drains the queue
    auto db = Connect();
    CHECK(CountEvents(*db, tenant) == 1);
}

TEST_CASE("bad requests get problem+json answers and store nothing", "[ingest][pg]") {
    IngestHarness harness([](ingest::IngestConfig& config) { config.server.body_limit = 64 * 1024; });
    harness.WaitReady();
    TestClient client(harness.Port());
    const auto tenant = UniqueTenant("bad");
    const auto token = TestToken(tenant, "events:write");

    SECTION("no token: 401 with a bare Bearer challenge") {
        const auto result = client.Request("POST", "/v1/events", R"({"action":"a"})",
                                           {{"Content-Type", "application/json"}});
        CHECK(result.status == 401);
        CHECK(result.Header("www-authenticate") == "Bearer realm=\"auditrail\"");
        CHECK(result.Header("content-type") == "application/problem+json");
        CHECK(JsonMember(result.body, "code") == "unauthorized");
    }
    SECTION("a client waiting for 100 Continue learns of a bad token before it sends the body") {
        const std::string head = "POST /v1/events HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                                 "Authorization: Bearer " + token + "x\r\nContent-Length: 60000\r\n"
                                 "Expect: 100-continue\r\n\r\n";
        const int fd = RawConnect(harness.Port());
        REQUIRE(::write(fd, head.data(), head.size()) == static_cast<ssize_t>(head.size()));
        std::string answer;
        char buffer[4096];
        for (ssize_t n; (n = ::read(fd, buffer, sizeof buffer)) > 0;) answer.append(buffer, static_cast<std::size_t>(n));
        ::close(fd);
        INFO(answer);
        CHECK(answer.rfind("HTTP/1.1 401", 0) == 0);
        CHECK(answer.find("100 Continue") == std::string::npos);
        CHECK(answer.find("invalid_token") != std::string::npos);
    }
    SECTION("a bad token: 401 invalid_token") {
        const auto result = PostEvents(client, token + "x", R"({"action":"a"})");
        CHECK(result.status == 401);
        CHECK(result.Header("www-authenticate").find("error=\"invalid_token\"") != std::string::npos);
    }
    SECTION("a token without events:write: 403 insufficient_scope") {
        const auto result = PostEvents(client, TestToken(tenant, "events:read admin"), R"({"action":"a"})");
        CHECK(result.status == 403);
        CHECK(result.Header("www-authenticate").find("error=\"insufficient_scope\"") != std::string::npos);
        CHECK(JsonMember(result.body, "code") == "forbidden");
    }
    SECTION("an unsupported content type: 415") {
        const auto result = PostEvents(client, token, "action=a", "application/x-www-form-urlencoded");
        CHECK(result.status == 415);
        CHECK(JsonMember(result.body, "code") == "unsupported_media_type");
    }
    SECTION("a body over the limit: 413") {
        const auto result = PostEvents(client, token, R"({"action":"a","message":")" + std::string(70000, 'x') + "\"}");
        CHECK(result.status == 413);
        CHECK(JsonMember(result.body, "code") == "payload_too_large");
    }
    SECTION("more than 1000 events: 413") {
        std::string body = "{\"events\":[";
        for (int i = 0; i < 1001; ++i) body += i ? ",{\"action\":\"a\"}" : "{\"action\":\"a\"}";
        body += "]}";
        const auto result = PostEvents(client, token, body);
        CHECK(result.status == 413);
    }
    SECTION("not JSON: 400 invalid_json") {
        const auto result = PostEvents(client, token, R"({"action":)");
        CHECK(result.status == 400);
        CHECK(JsonMember(result.body, "code") == "invalid_json");
    }
    SECTION("one bad event refuses the whole batch and names it") {
        const auto result = PostEvents(
            client, token,
            R"({"events":[{"action":"ok.one"},{"action":"bad","occurred_at":"yesterday"},{"action":"ok.two"}]})");
        CHECK(result.status == 400);
        CHECK(JsonMember(result.body, "code") == "validation_failed");
        CHECK(result.body.find(R"("index":1,"field":"occurred_at")") != std::string::npos);
    }
    SECTION("unknown route and method") {
        CHECK(client.Request("GET", "/v1/nope").status == 404);
        const auto wrong = client.Request("DELETE", "/v1/events");
        CHECK(wrong.status == 405);
        CHECK(wrong.Header("allow") == "POST");
    }
    // Whatever was refused, nothing was stored, and the connection still serves.
    auto db = Connect();
    CHECK(CountEvents(*db, tenant) == 0);
    CHECK(client.Request("GET", "/healthz").status == 200);
}

TEST_CASE("health, readiness and metrics answer", "[ingest][pg]") {
    IngestHarness harness;
    harness.WaitReady();
    TestClient client(harness.Port());
    const auto tenant = UniqueTenant("metrics");
    REQUIRE(PostEvents(client, TestToken(tenant, "events:write"), R"({"action":"m.one"})").status == 201);
    const auto health = client.Request("GET", "/healthz");
    CHECK(health.status == 200);
    CHECK(health.body == R"({"status":"ok"})");
    const auto metrics = client.Request("GET", "/metrics");
    REQUIRE(metrics.status == 200);
    CHECK(metrics.Header("content-type").rfind("text/plain; version=0.0.4", 0) == 0);
    CHECK(metrics.body.find("auditrail_http_requests_total{route=\"/v1/events\",status=\"201\"} 1") != std::string::npos);
    CHECK(metrics.body.find("auditrail_events_accepted_total{answer=\"201\"} 1") != std::string::npos);
    CHECK(metrics.body.find("auditrail_batch_commit_seconds_count") != std::string::npos);
    CHECK(metrics.body.find("auditrail_queue_wait_seconds_count 1\n") != std::string::npos);
    CHECK(metrics.body.find("auditrail_queue_wait_seconds_bucket{le=\"10\"} 1\n") != std::string::npos);
    CHECK(metrics.body.find("auditrail_queue_events 0") != std::string::npos);
}

TEST_CASE("a commit that lands after the write timeout counts its events once, by the 503 they got",
          "[ingest][pg][failure]") {
    IngestHarness harness(
        [](ingest::IngestConfig& config) { config.server.handler_timeout = std::chrono::milliseconds(300); });
    harness.WaitReady();
    TestClient client(harness.Port());
    const auto tenant = UniqueTenant("late");
    const auto token = TestToken(tenant, "events:write");
    REQUIRE(PostEvents(client, token, R"({"action":"on.time"})").status == 201);

    // The writer's INSERT waits behind this lock past the request's timeout, then commits once it is released.
    auto locker = Connect();
    locker->Exec("BEGIN");
    locker->Exec("LOCK TABLE events IN SHARE MODE");
    const auto late = PostEvents(client, token, R"({"action":"late.one"})");
    locker->Exec("COMMIT");
    CHECK(late.status == 503);
    CHECK(JsonMember(late.body, "detail") == "the database did not commit in time; retry with the same ids");
    auto db = Connect();
    for (int attempt = 0; attempt < 100 && CountEvents(*db, tenant) < 2; ++attempt) {
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    REQUIRE(CountEvents(*db, tenant) == 2);

    // Answered 503, so counted as refused once, and not as accepted when its commit came.
    const auto metrics = client.Request("GET", "/metrics");
    CHECK(metrics.body.find("auditrail_events_accepted_total{answer=\"201\"} 1\n") != std::string::npos);
    CHECK(metrics.body.find("auditrail_events_rejected_total{reason=\"write_timeout\"} 1\n") != std::string::npos);
    CHECK(metrics.body.find("write_failed") == std::string::npos);
}

}  // namespace auditrail::test
