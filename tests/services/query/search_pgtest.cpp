// GET /v1/events, /v1/events/{id} and /v1/event-types against the real service and database.
#include <algorithm>
#include <auditrail/http/query_string.hpp>
#include <auditrail/http/query_string.hpp>

#include <catch2/catch.hpp>
#include <support/ingest_harness.hpp>
#include <support/query_harness.hpp>

#include "query_rows.hpp"

namespace auditrail::test {
namespace {

const std::string kWindow = Shift("from=2025-03-01T00:00:00Z&to=2025-04-01T00:00:00Z");

std::string NextCursor(const std::string& body) {
    simdjson::dom::parser parser;
    auto element = parser.parse(body)["next_cursor"];
    if (element.is_null()) return "";
    return std::string(std::string_view(element.get_string()));
}

}  // namespace

TEST_CASE("a searched event has its written fields plus tenant, received_at and ingested_by", "[query][pg]") {
    IngestHarness ingest;
    ingest.WaitReady();
    QueryHarness query;
    const auto tenant = UniqueTenant("qfields");
    TestClient writer(ingest.Port());
    const auto now = events::NowUs();
    const std::string occurred = events::FormatRfc3339(now - 3600LL * 1000000).substr(0, 19) + ".123+02:00";
    const auto posted = PostEvents(writer, TestToken(tenant, "events:write", "billing-service"), R"({
        "id": "01936F6E-3F4A-7C8E-9D2B-5A1F0C3E7B21", "occurred_at": ")" + occurred + R"(",
        "category": "authenticate", "action": "user.login", "outcome": "failure",
        "actor": {"id": "jdoe", "type": "user", "name": "Jane Doe", "ip": "192.168.1.10", "user_agent": "Mozilla/5.0"},
        "customer_id": 5001, "store_id": 101, "resource": {"type": "session", "id": "s-42"},
        "message": "User login failed", "data": {"browser": "Chrome", "mfa": true}})");
    REQUIRE(posted.status == 201);

    TestClient client(query.Port());
    const auto token = TestToken(tenant, "events:read");
    const auto search = Get(client, token, "/v1/events");
    REQUIRE(search.status == 200);
    CHECK(search.Header("content-type") == "application/json");
    simdjson::dom::parser parser;
    const auto answer = parser.parse(search.body);
    REQUIRE(answer["events"].get_array().size() == 1);
    CHECK(answer["next_cursor"].is_null());
    const auto event = answer["events"].at(0);
    CHECK(std::string_view(event["id"]) == "01936f6e-3f4a-7c8e-9d2b-5a1f0c3e7b21");
    const auto expected_time = events::FormatRfc3339(*events::ParseRfc3339(occurred));
    CHECK(std::string_view(event["occurred_at"]) == expected_time);
    CHECK(std::string_view(event["category"]) == "authenticate");
    CHECK(std::string_view(event["outcome"]) == "failure");
    CHECK(std::string_view(event["actor"]["name"]) == "Jane Doe");
    CHECK(std::string_view(event["actor"]["user_agent"]) == "Mozilla/5.0");
    CHECK(int64_t(event["customer_id"]) == 5001);
    CHECK(int64_t(event["store_id"]) == 101);
    CHECK(std::string_view(event["resource"]["id"]) == "s-42");
    CHECK(std::string_view(event["message"]) == "User login failed");
    CHECK(bool(event["data"]["mfa"]));
    CHECK(std::string_view(event["tenant"]) == tenant);
    CHECK(std::string_view(event["ingested_by"]) == "billing-service");
    const std::string_view received = event["received_at"];
    CHECK(received.size() == 27);
    CHECK(received.back() == 'Z');

    // The lookup answers the same object, bare.
    const auto lookup = Get(client, token, "/v1/events/01936F6E-3F4A-7C8E-9D2B-5A1F0C3E7B21");
    REQUIRE(lookup.status == 200);
    CHECK(search.body.find(lookup.body) != std::string::npos);
    CHECK(Get(client, token, "/v1/events/01936f6e-3f4a-7c8e-9d2b-5a1f0c3e7b22").status == 404);
    CHECK(Get(client, token, "/v1/events/not-a-uuid").status == 404);
}

TEST_CASE("each filter selects exactly the events that match it", "[query][pg]") {
    QueryHarness query;
    auto db = Connect();
    const auto tenant = UniqueTenant("qfilters");
    const auto ids =
        InsertRows(*db, tenant,
                   {{.occurred_at = Shift("2025-03-10T10:00:00Z"),
                     .action = "user.login",
                     .category = "authenticate",
                     .actor_id = "jdoe",
                     .customer_id = 5001,
                     .store_id = 1,
                     .resource_type = "session",
                     .resource_id = "s-1",
                     .message = "User logged in: 50% off_code",
                     .data = R"({"browser": "Chrome", "n": 5, "ok": true, "deep": {"k": "v"}})"},
                    {.occurred_at = Shift("2025-03-11T10:00:00Z"),
                     .action = "user.logout",
                     .category = "authenticate",
                     .outcome = "failure",
                     .actor_id = "asmith",
                     .customer_id = 5002,
                     .store_id = 2,
                     .resource_type = "session",
                     .resource_id = "s-2",
                     .message = "user LOGGED out",
                     .data = R"({"browser": "Firefox", "n": "5", "ok": false})"},
                    {.occurred_at = Shift("2025-03-12T10:00:00Z"),
                     .action = "invoice.paid",
                     .category = "billing",
                     .outcome = "unknown",
                     .customer_id = 5001,
                     .resource_type = "invoice",
                     .resource_id = "i-9",
                     .message = "Paid 50 percent",
                     .data = R"({"n": 5.0, "deep": {"k": "w"}})"},
                    {.occurred_at = Shift("2025-03-13T10:00:00Z"), .action = "user.login", .message = "xx_yy"}});
    TestClient client(query.Port());
    const auto token = TestToken(tenant, "events:read");
    const auto select = [&](const std::string& filter) {
        const auto result = Get(client, token, "/v1/events?" + kWindow + "&order=asc&" + filter);
        INFO(filter << " -> " << result.body);
        REQUIRE(result.status == 200);
        const auto found = EventIds(result.body);
        std::vector<int> indexes;
        for (const auto& id : found)
            indexes.push_back(static_cast<int>(std::find(ids.begin(), ids.end(), id) - ids.begin()));
        return indexes;
    };
    using V = std::vector<int>;
    CHECK(select("category=authenticate") == V{0, 1});
    CHECK(select("action=user.login") == V{0, 3});
    CHECK(select("action=user.logout&action=invoice.paid") == V{1, 2});
    CHECK(select("outcome=failure") == V{1});
    CHECK(select("outcome=success") == V{0, 3});
    CHECK(select("actor_id=jdoe") == V{0});
    CHECK(select("customer_id=5001") == V{0, 2});
    CHECK(select("store_id=2") == V{1});
    CHECK(select("resource_type=session") == V{0, 1});
    CHECK(select("resource_id=i-9") == V{2});
    CHECK(select("q=logged") == V{0, 1});
    CHECK(select("q=" + http::PercentEncode("50%")) == V{0});   // % is literal
    CHECK(select("q=" + http::PercentEncode("_")) == V{0, 3});  // _ is literal
    CHECK(select("q=" + http::PercentEncode("x_y")) == V{3});
    CHECK(select("q=percent") == V{2});
    CHECK(select("data.browser=Chrome") == V{0});
    CHECK(select("data.n=5") == V{0, 1});  // the number 5 and the string "5"; 5.0 is other JSON text
    CHECK(select("data.n=5.0") == V{2});
    CHECK(select("data.ok=true") == V{0});
    CHECK(select("data.ok=false") == V{1});
    CHECK(select("data.deep.k=v") == V{0});
    CHECK(select("data.missing=x") == V{});
    CHECK(select("category=authenticate&customer_id=5001") == V{0});
    CHECK(select("customer_id=5001&data.deep.k=w&q=PAID") == V{2});
    CHECK(EventIds(Get(client, token, "/v1/events?" + kWindow).body) ==
          std::vector<std::string>{ids[3], ids[2], ids[1], ids[0]});
    // Boundaries: from inclusive, to exclusive.
    CHECK(Get(client, token, Shift("/v1/events?from=2025-03-11T10:00:00Z&to=2025-03-12T10:00:00Z")).body.find(ids[1]) !=
          std::string::npos);
    CHECK(EventIds(Get(client, token, Shift("/v1/events?from=2025-03-11T10:00:00Z&to=2025-03-12T10:00:00Z")).body) ==
          std::vector<std::string>{ids[1]});
    CHECK(
        EventIds(Get(client, token, Shift("/v1/events?from=2025-03-11T10:00:00.000001Z&to=2025-03-12T10:00:00.000001Z"))
                     .body) == std::vector<std::string>{ids[2]});
    CHECK(
        EventIds(Get(client, token, Shift("/v1/events?from=2025-03-11T12:00:00%2B02:00&to=2025-03-11T10:00:00.000001Z"))
                     .body) == std::vector<std::string>{ids[1]});
}

TEST_CASE("the default window is the last 30 days up to 5 minutes ahead", "[query][pg]") {
    QueryHarness query;
    auto db = Connect();
    const auto tenant = UniqueTenant("qdefault");
    const auto now = events::NowUs();
    const auto at = [&](events::TimeUs delta) { return Row{.occurred_at = events::FormatRfc3339(now + delta)}; };
    constexpr events::TimeUs kDay = 24LL * 3600 * 1000000;
    // The last: 2 minutes inside the 30 days before now (the window once started 5 minutes late).
    const auto ids = InsertRows(*db, tenant,
                                {at(-31 * kDay), at(-29 * kDay), at(-1000000), at(4 * 60 * 1000000LL),
                                 at(6 * 60 * 1000000LL), at(-30 * kDay + 120 * 1000000LL)});
    TestClient client(query.Port());
    const auto found = EventIds(Get(client, TestToken(tenant, "events:read"), "/v1/events").body);
    CHECK(found == std::vector<std::string>{ids[3], ids[2], ids[1], ids[5]});
}

TEST_CASE("a page ends early when its events' text or JSON passes 8 MiB, and its cursor goes on from there",
          "[query][pg]") {
    QueryHarness query;
    auto db = Connect();
    const auto tenant = UniqueTenant("qbytes");
    db->Exec(Shift("SELECT auditrail_ensure_month_partition('2025-03-15')"));
    // Five events of about 3 MB each: a page holds the three whose text before them is under 8 MiB.
    db->Exec(Shift("INSERT INTO events (tenant, occurred_at, id, received_at, category, action, outcome, data, "
                   "ingested_by) SELECT $1, timestamptz '2025-03-10' + i * interval '1 hour', gen_random_uuid(), "
                   "now(), 'general', 'file.upload', 'success', jsonb_build_object('blob', repeat('x', 3000000)), "
                   "'test' FROM generate_series(1, 5) i"),
             {tenant});
    TestClient client(query.Port());
    const auto token = TestToken(tenant, "events:read");
    const auto first = Get(client, token, "/v1/events?" + kWindow + "&limit=100");
    REQUIRE(first.status == 200);
    CHECK(EventIds(first.body).size() == 3);
    const auto cursor = NextCursor(first.body);
    REQUIRE_FALSE(cursor.empty());
    const auto second = Get(client, token, "/v1/events?" + kWindow + "&limit=100&cursor=" + cursor);
    REQUIRE(second.status == 200);
    CHECK(EventIds(second.body).size() == 2);
    CHECK(NextCursor(second.body).empty());
    auto all = EventIds(first.body);
    for (const auto& id : EventIds(second.body)) all.push_back(id);
    CHECK(IdSet(all).size() == 5);

    // Text that JSON escapes six-fold (control characters) ends the page by its JSON's size: one event a page.
    const auto escaped = UniqueTenant("qescaped");
    db->Exec(Shift("INSERT INTO events (tenant, occurred_at, id, received_at, category, action, outcome, message, "
                   "ingested_by) SELECT $1, timestamptz '2025-03-10' + i * interval '1 hour', gen_random_uuid(), "
                   "now(), 'general', 'file.upload', 'success', repeat(chr(1), 2000000), 'test' "
                   "FROM generate_series(1, 3) i"),
             {escaped});
    const auto escaped_token = TestToken(escaped, "events:read");
    std::vector<std::string> walked;
    std::string escaped_cursor;
    int pages = 0;
    do {
        const auto page = Get(client, escaped_token,
                              "/v1/events?" + kWindow + "&limit=100" +
                                  (escaped_cursor.empty() ? "" : "&cursor=" + escaped_cursor));
        REQUIRE(page.status == 200);
        CHECK(page.body.size() < 16u << 20);
        const auto ids = EventIds(page.body);
        CHECK(ids.size() == 1);
        walked.insert(walked.end(), ids.begin(), ids.end());
        escaped_cursor = NextCursor(page.body);
    } while (!escaped_cursor.empty() && ++pages < 10);
    CHECK(IdSet(walked).size() == 3);
}

TEST_CASE("a keyset walk returns every event once, in order, even with inserts between pages", "[query][pg]") {
    QueryHarness query;
    auto db = Connect();
    const auto tenant = UniqueTenant("qpages");
    // 250 events over two months, many sharing an occurred_at (ties are ordered by id).
    db->Exec(
        Shift("SELECT auditrail_ensure_month_partition('2025-02-15'), auditrail_ensure_month_partition('2025-03-15')"));
    db->Exec(Shift("INSERT INTO events (tenant, occurred_at, id, received_at, category, action, outcome, ingested_by)"
                   " SELECT $1, timestamptz '2025-02-20' + (i / 3) * interval '7 hours', gen_random_uuid(), now(),"
                   " 'general', 'user.login', 'success', 'test' FROM generate_series(1, 250) i"),
             {tenant});
    const auto expected =
        db->Exec("SELECT id FROM events WHERE tenant = $1 ORDER BY occurred_at DESC, id DESC", {tenant});
    TestClient client(query.Port());
    const auto token = TestToken(tenant, "events:read");
    for (const std::string order : {"desc", "asc"}) {
        std::vector<std::string> walked;
        std::string cursor;
        int pages = 0;
        do {
            const auto result = Get(client, token,
                                    Shift("/v1/events?from=2025-02-01T00:00:00Z&to=2025-05-01T00:00:00Z"
                                          "&limit=7&order=") +
                                        order + (cursor.empty() ? "" : "&cursor=" + cursor));
            REQUIRE(result.status == 200);
            const auto page = EventIds(result.body);
            walked.insert(walked.end(), page.begin(), page.end());
            cursor = NextCursor(result.body);
            if (++pages == 3) {
                // Newer and older events arriving mid-walk do not disturb it (they fall before the position
                // in one order or the other and are picked up only where the walk has not been yet).
                InsertRows(
                    *db, tenant,
                    {{.occurred_at = Shift("2025-02-20T00:00:00Z")}, {.occurred_at = Shift("2025-04-20T00:00:00Z")}});
            }
        } while (!cursor.empty());
        CHECK(IdSet(walked).size() == walked.size());  // no duplicates
        std::vector<std::string> original;
        for (int i = 0; i < expected.Rows(); ++i) original.emplace_back(expected.Get(i, 0));
        if (order == "asc") std::reverse(original.begin(), original.end());
        // Every original event is there, in order; the inserts show up only on the not-yet-walked side.
        std::vector<std::string> without_new;
        for (const auto& id : walked) {
            if (std::find(original.begin(), original.end(), id) != original.end()) without_new.push_back(id);
        }
        CHECK(without_new == original);
        CHECK(walked.size() - without_new.size() <= 2 * 2);
    }
}

TEST_CASE("a cursor is refused with other filters, another order, another tenant, or altered", "[query][pg]") {
    QueryHarness query;
    auto db = Connect();
    const auto tenant = UniqueTenant("qcursor");
    InsertRows(*db, tenant,
               {{.occurred_at = Shift("2025-03-10T10:00:00Z")}, {.occurred_at = Shift("2025-03-11T10:00:00Z")}});
    TestClient client(query.Port());
    const auto token = TestToken(tenant, "events:read");
    const auto first = Get(client, token, "/v1/events?" + kWindow + "&limit=1&action=user.login");
    const auto cursor = NextCursor(first.body);
    REQUIRE_FALSE(cursor.empty());
    // The same filters with another limit and count are fine.
    CHECK(
        Get(client, token, "/v1/events?" + kWindow + "&limit=5&count=true&action=user.login&cursor=" + cursor).status ==
        200);
    for (const std::string& target :
         {"/v1/events?" + kWindow + "&limit=1&cursor=" + cursor,
          "/v1/events?" + kWindow + "&limit=1&action=user.login&order=asc&cursor=" + cursor,
          Shift("/v1/events?from=2025-03-02T00:00:00Z&to=2025-04-01T00:00:00Z&limit=1&action=user.login&cursor=") +
              cursor,
          "/v1/events?" + kWindow + "&limit=1&action=user.login&cursor=" + cursor.substr(0, cursor.size() - 2) + "AA",
          "/v1/events?" + kWindow + "&limit=1&action=user.login&cursor=garbage"}) {
        const auto result = Get(client, token, target);
        INFO(target);
        CHECK(result.status == 400);
        CHECK(JsonMember(result.body, "code") == "invalid_parameter");
        CHECK(JsonMember(result.body, "parameter") == "cursor");
    }
    const auto other = Get(client, TestToken(UniqueTenant("qcursor-other"), "events:read"),
                           "/v1/events?" + kWindow + "&limit=1&action=user.login&cursor=" + cursor);
    CHECK(other.status == 400);
}

TEST_CASE("count=true adds the total of matching events", "[query][pg]") {
    QueryHarness query;
    auto db = Connect();
    const auto tenant = UniqueTenant("qcount");
    InsertRows(*db, tenant,
               {{.occurred_at = Shift("2025-03-10T10:00:00Z")},
                {.occurred_at = Shift("2025-03-11T10:00:00Z")},
                {.occurred_at = Shift("2025-03-12T10:00:00Z"), .action = "x.y"}});
    TestClient client(query.Port());
    const auto token = TestToken(tenant, "events:read");
    const auto counted = Get(client, token, "/v1/events?" + kWindow + "&limit=1&count=true&action=user.login");
    simdjson::dom::parser parser;
    CHECK(int64_t(parser.parse(counted.body)["total"]) == 2);
    CHECK(Get(client, token, "/v1/events?" + kWindow).body.find("\"total\"") == std::string::npos);
}

TEST_CASE("bad and unknown parameters are 400 invalid_parameter naming the parameter", "[query][pg]") {
    QueryHarness query;
    TestClient client(query.Port());
    const auto tenant = UniqueTenant("qbad");
    const auto token = TestToken(tenant, "events:read events:export");
    const std::vector<std::pair<std::string, std::string>> cases = {
        {Shift("/v1/events?from=2025-13-01T00:00:00Z"), "from"},
        {Shift("/v1/events?from=2025-03-02T00:00:00Z&to=2025-03-01T00:00:00Z"), "to"},
        {"/v1/events?limit=0", "limit"},
        {"/v1/events?limit=5001", "limit"},
        {"/v1/events?customer_id=abc", "customer_id"},
        {"/v1/events?outcome=maybe", "outcome"},
        {"/v1/events?order=sideways", "order"},
        {"/v1/events?count=1", "count"},
        {"/v1/events?bogus=1", "bogus"},
        {"/v1/events?q=%ZZ", "q"},
        {"/v1/events?q=%FF", "q"},
        {"/v1/events?actor_id=a%00b", "actor_id"},
        {"/v1/events?data.=1", "data."},
        {"/v1/events/export?format=pdf", "format"},
        {"/v1/events/export?limit=10", "limit"},
        {"/v1/event-types?category=", "category"},
        {"/v1/event-types?action=x", "action"},
        {"/v1/events/01936f6e-3f4a-7c8e-9d2b-5a1f0c3e7b21?x=1", "x"},
    };
    for (const auto& [target, parameter] : cases) {
        const auto result = Get(client, token, target);
        INFO(target << " -> " << result.body);
        CHECK(result.status == 400);
        CHECK(result.Header("content-type") == "application/problem+json");
        CHECK(JsonMember(result.body, "code") == "invalid_parameter");
        CHECK(JsonMember(result.body, "parameter") == parameter);
    }
}

TEST_CASE("every query route needs its token and scope", "[query][pg]") {
    QueryHarness query;
    TestClient client(query.Port());
    const auto tenant = UniqueTenant("qscope");
    for (const std::string target : {"/v1/events", "/v1/events/01936f6e-3f4a-7c8e-9d2b-5a1f0c3e7b21", "/v1/event-types",
                                     "/v1/events/export?format=csv"}) {
        INFO(target);
        const auto missing = client.Request("GET", target);
        CHECK(missing.status == 401);
        CHECK(missing.Header("www-authenticate") == "Bearer realm=\"auditrail\"");
        const bool is_export = target.find("export") != std::string::npos;
        const auto wrong =
            Get(client, TestToken(tenant, is_export ? "events:read" : "events:export events:write"), target);
        CHECK(wrong.status == 403);
        CHECK(wrong.Header("www-authenticate").find("insufficient_scope") != std::string::npos);
        CHECK(Get(client, TestToken(tenant, is_export ? "events:export" : "events:read"), target).status ==
              (target.find("01936") != std::string::npos ? 404 : 200));
    }
    // A token in the query string is ignored.
    CHECK(client.Request("GET", "/v1/events?access_token=" + TestToken(tenant, "events:read")).status == 401);
}

TEST_CASE("event types: categories and actions with counts, first and last seen", "[query][pg]") {
    QueryHarness query;
    auto db = Connect();
    const auto tenant = UniqueTenant("qtypes");
    InsertRows(*db, tenant,
               {{.occurred_at = Shift("2025-01-10T10:00:00Z"), .action = "user.login", .category = "authenticate"},
                {.occurred_at = Shift("2025-03-11T10:00:00.5Z"), .action = "user.login", .category = "authenticate"},
                {.occurred_at = Shift("2025-02-12T10:00:00Z"), .action = "invoice.paid", .category = "billing"}});
    TestClient client(query.Port());
    const auto token = TestToken(tenant, "events:read");
    const auto all = Get(client, token, "/v1/event-types");
    REQUIRE(all.status == 200);
    CHECK(all.body ==
          Shift(R"({"event_types":[{"category":"authenticate","action":"user.login","count":2,)"
                R"("first_seen":"2025-01-10T10:00:00.000000Z","last_seen":"2025-03-11T10:00:00.500000Z"},)"
                R"({"category":"billing","action":"invoice.paid","count":1,)"
                R"("first_seen":"2025-02-12T10:00:00.000000Z","last_seen":"2025-02-12T10:00:00.000000Z"}]})"));
    const auto billing = Get(client, token, "/v1/event-types?category=billing");
    CHECK(billing.body.find("authenticate") == std::string::npos);
    CHECK(billing.body.find("invoice.paid") != std::string::npos);
    const auto windowed = Get(client, token, Shift("/v1/event-types?from=2025-03-01T00:00:00Z"));
    CHECK(windowed.body.find(Shift("\"count\":1,\"first_seen\":\"2025-03-11")) != std::string::npos);
}

TEST_CASE("tenant A's token never sees tenant B's events", "[query][pg]") {
    QueryHarness query;
    auto db = Connect();
    const auto a = UniqueTenant("qiso-a");
    const auto b = UniqueTenant("qiso-b");
    const auto b_ids = InsertRows(*db, b, {{.occurred_at = Shift("2025-03-10T10:00:00Z"), .message = "secret of b"}});
    InsertRows(*db, a, {{.occurred_at = Shift("2025-03-10T11:00:00Z"), .action = "a.only"}});
    TestClient client(query.Port());
    const auto token = TestToken(a, "events:read events:export");
    const auto search = Get(client, token, "/v1/events?" + kWindow + "&count=true");
    CHECK(search.body.find(b_ids[0]) == std::string::npos);
    CHECK(search.body.find("\"total\":1") != std::string::npos);
    CHECK(Get(client, token, "/v1/events?" + kWindow + "&q=secret").body.find(b_ids[0]) == std::string::npos);
    CHECK(Get(client, token, "/v1/events/" + b_ids[0]).status == 404);
    const auto types = Get(client, token, "/v1/event-types");
    CHECK(types.body.find("user.login") == std::string::npos);
    CHECK(types.body.find("a.only") != std::string::npos);
    for (const std::string format : {"csv", "ndjson", "xlsx"}) {
        const auto exported = Get(client, token, "/v1/events/export?format=" + format + "&" + kWindow);
        REQUIRE(exported.status == 200);
        CHECK(exported.body.find(b_ids[0]) == std::string::npos);
        CHECK(exported.body.find("secret") == std::string::npos);
    }
}

TEST_CASE("a search scans only the partitions of its time range", "[query][pg]") {
    auto db = Connect();
    for (const char* month : {"2025-01-15", "2025-02-15", "2025-03-15", "2025-04-15"}) {
        db->Exec(Shift(std::string("SELECT auditrail_ensure_month_partition('") + month + "')"));
    }
    query::SearchFilter filter;
    filter.from = *events::ParseRfc3339(Shift("2025-02-10T00:00:00Z"));
    filter.to = *events::ParseRfc3339(Shift("2025-02-17T00:00:00Z"));
    filter.actions = {"user.login"};
    query::SqlValues values;
    const std::string sql = "SELECT id FROM events " + query::WhereClause(filter, "acme", {}, values) + " " +
                            std::string(query::OrderByClause(filter.order)) + " LIMIT 100";
    // As the service runs it (parameters bound, a custom plan): only February appears.
    const auto custom = db->Exec("EXPLAIN " + sql, values.Params());
    std::string plan;
    for (int i = 0; i < custom.Rows(); ++i) plan += std::string(custom.Get(i, 0)) + "\n";
    INFO(plan);
    CHECK(plan.find(Shift("events_p202502")) != std::string::npos);
    CHECK(plan.find(Shift("events_p202501")) == std::string::npos);
    CHECK(plan.find(Shift("events_p202503")) == std::string::npos);
    // As a prepared generic plan: pruned when the executor starts.
    db->Exec("SET plan_cache_mode = force_generic_plan");
    db->Exec("PREPARE q_prune AS " + sql);
    std::string execute = "EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF) EXECUTE q_prune(";
    for (std::size_t i = 0; i < values.Params().size(); ++i) {
        execute += (i ? ", " : "") + db->Literal(*values.Params()[i]);
    }
    const auto generic = db->Exec(execute + ")");
    std::string generic_plan;
    for (int i = 0; i < generic.Rows(); ++i) generic_plan += std::string(generic.Get(i, 0)) + "\n";
    INFO(generic_plan);
    CHECK(generic_plan.find("Subplans Removed") != std::string::npos);
    CHECK(generic_plan.find(Shift("events_p202501")) == std::string::npos);
    db->Exec("DEALLOCATE q_prune");
}

}  // namespace auditrail::test
