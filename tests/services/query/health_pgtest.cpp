// GET /v1/customers/{id}/health, /v1/customers/at-risk and /v1/customers/{id} against scenario customers written
// through the ingest service (so the write-time health state is what is read) and a fixed as_of.
#include <simdjson.h>

#include <algorithm>
#include <auditrail/events/time.hpp>
#include <auditrail/health/state.hpp>
#include <catch2/catch.hpp>
#include <support/ingest_harness.hpp>
#include <support/query_harness.hpp>

namespace auditrail::test {
namespace {

using events::TimeUs;
constexpr TimeUs kHourUs = 3'600'000'000;
constexpr TimeUs kDay = health::kDayUs;

/// Midnight UTC ten days ago: every scenario event lies in the 95 days before it, inside retention.
const TimeUs kAsOf = (health::DayOf(events::NowUs()) - 10) * kDay;
const std::string kAsOfText = events::FormatRfc3339(kAsOf);

std::string Event(std::int64_t customer, const std::string& action, TimeUs at, const std::string& data = "{}") {
    return R"({"action":")" + action + R"(","customer_id":)" + std::to_string(customer) + R"(,"occurred_at":")" +
           events::FormatRfc3339(at) + R"(","data":)" + data + "}";
}

std::string At(TimeUs t) {
    std::string quoted(1, '"');  // appended: GCC 12 warns -Wrestrict on "\"" + std::string (its bug 105329)
    quoted += events::FormatRfc3339(t);
    quoted += '"';
    return quoted;
}

/// 100: healthy (score 100). 102: watch (62). 103 and 104: at_risk (18), with six signals.
std::vector<std::string> ScenarioEvents() {
    std::vector<std::string> out;
    const auto days_ago = [](int days) { return kAsOf - days * kDay + 10 * kHourUs; };
    for (int d = 1; d <= 15; ++d) out.push_back(Event(100, "customer.login", days_ago(d)));
    for (int d = 31; d <= 45; ++d) out.push_back(Event(100, "customer.login", days_ago(d)));
    out.push_back(Event(100, "invoice.issued", days_ago(30),
                        R"({"invoice_id":"h-1","amount":10,"currency":"EUR","due_at":)" + At(kAsOf - 20 * kDay) + "}"));
    out.push_back(Event(100, "invoice.paid", days_ago(25), R"({"invoice_id":"h-1"})"));
    out.push_back(Event(100, "ticket.opened", days_ago(50), R"({"ticket_id":"h-t","priority":"low"})"));
    out.push_back(Event(100, "ticket.closed", days_ago(48), R"({"ticket_id":"h-t"})"));
    for (int f = 1; f <= 5; ++f) {
        out.push_back(
            Event(100, "feature.used", days_ago(f), R"({"feature":"f)" + std::to_string(f) + R"(","count":10})"));
    }
    out.push_back(Event(100, "api.call", days_ago(45), R"({"endpoint":"/x","count":40})"));

    for (int d = 1; d <= 6; ++d) out.push_back(Event(102, "customer.login", days_ago(d)));
    for (int d = 31; d <= 36; ++d) out.push_back(Event(102, "customer.login", days_ago(d)));
    out.push_back(Event(102, "invoice.issued", days_ago(60),
                        R"({"invoice_id":"w-1","amount":10,"currency":"EUR","due_at":)" + At(kAsOf - 50 * kDay) + "}"));
    out.push_back(Event(102, "invoice.paid", days_ago(55), R"({"invoice_id":"w-1"})"));
    out.push_back(Event(102, "invoice.issued", days_ago(50),
                        R"({"invoice_id":"w-2","amount":10,"currency":"EUR","due_at":)" + At(kAsOf - 40 * kDay) + "}"));
    out.push_back(Event(102, "invoice.paid", days_ago(35), R"({"invoice_id":"w-2"})"));
    out.push_back(Event(102, "ticket.opened", days_ago(3), R"({"ticket_id":"w-t","priority":"high"})"));
    out.push_back(Event(102, "feature.used", days_ago(2), R"({"feature":"a","count":5})"));
    out.push_back(Event(102, "feature.used", days_ago(4), R"({"feature":"b","count":5})"));
    out.push_back(Event(102, "api.call", days_ago(40), R"({"endpoint":"/x","count":10})"));

    for (const std::int64_t id : {103, 104}) {
        out.push_back(Event(id, "customer.login", days_ago(20)));
        out.push_back(Event(id, "customer.login", days_ago(25)));
        for (int d = 31; d <= 38; ++d) out.push_back(Event(id, "customer.login", days_ago(d)));
        out.push_back(
            Event(id, "invoice.issued", days_ago(70),
                  R"({"invoice_id":"r-1","amount":10,"currency":"EUR","due_at":)" + At(kAsOf - 40 * kDay) + "}"));
        out.push_back(
            Event(id, "invoice.issued", days_ago(40),
                  R"({"invoice_id":"r-2","amount":10,"currency":"EUR","due_at":)" + At(kAsOf - 10 * kDay) + "}"));
        out.push_back(Event(id, "ticket.opened", days_ago(10), R"({"ticket_id":"r-t","priority":"urgent"})"));
        out.push_back(Event(id, "api.call", days_ago(40), R"({"endpoint":"/x","count":30})"));
    }
    return out;
}

void Post(IngestHarness& ingest, const std::string& tenant, const std::vector<std::string>& events, bool one_by_one) {
    TestClient writer(ingest.Port());
    const auto token = TestToken(tenant, "events:write");
    if (one_by_one) {
        for (const auto& event : events) REQUIRE(PostEvents(writer, token, event).status == 201);
        return;
    }
    std::string batch = "{\"events\":[";
    for (std::size_t i = 0; i < events.size(); ++i) batch += (i ? "," : "") + events[i];
    const auto posted = PostEvents(writer, token, batch + "]}");
    INFO(posted.body);
    REQUIRE(posted.status == 201);
}

/// One tenant with the scenario written in order in one batch; built once per process.
struct Scenario {
    std::string tenant = UniqueTenant("health");
    IngestHarness ingest;
    QueryHarness query;
    Scenario() {
        ingest.WaitReady();
        Post(ingest, tenant, ScenarioEvents(), false);
    }
};

Scenario& Shared() {
    static Scenario scenario;
    return scenario;
}

HttpResult Read(const std::string& tenant, const std::string& target, const std::string& scope = "health:read") {
    TestClient client(Shared().query.Port());
    return Get(client, TestToken(tenant, scope), target);
}

double Input(simdjson::dom::element component, const char* name) { return double(component["inputs"][name]); }

std::vector<std::string> Codes(simdjson::dom::element signals) {
    std::vector<std::string> codes;
    for (auto signal : signals.get_array()) codes.emplace_back(std::string_view(signal["code"]));
    return codes;
}

std::vector<std::int64_t> AtRiskIds(const HttpResult& result) {
    simdjson::dom::parser parser;
    std::vector<std::int64_t> ids;
    for (auto customer : parser.parse(result.body)["customers"].get_array())
        ids.push_back(int64_t(customer["customer_id"]));
    return ids;
}

}  // namespace

TEST_CASE("a healthy customer scores 100 with every component full and no signal", "[health][pg]") {
    const auto result = Read(Shared().tenant, "/v1/customers/100/health?as_of=" + kAsOfText);
    INFO(result.body);
    REQUIRE(result.status == 200);
    simdjson::dom::parser parser;
    const simdjson::dom::element answer = parser.parse(result.body);
    CHECK(int64_t(answer["customer_id"]) == 100);
    CHECK(std::string_view(answer["as_of"]) == kAsOfText);
    CHECK(int64_t(answer["score"]) == 100);
    CHECK(std::string_view(answer["band"]) == "healthy");
    const simdjson::dom::element components = answer["components"];
    CHECK(std::string_view(components.at(0)["name"]) == "engagement");
    CHECK(Input(components.at(0), "active_days") == 15);
    CHECK(Input(components.at(1), "on_time") == 1);
    CHECK(Input(components.at(3), "usage") == 50);
    CHECK(Input(components.at(3), "usage_prev") == 40);
    CHECK(Input(components.at(3), "features") == 5);
    CHECK(answer["signals"].get_array().size() == 0);
    CHECK(answer["score_30_days_ago"].is_int64());
}

TEST_CASE("a watch customer's components carry the inputs behind a score of 62", "[health][pg]") {
    const auto result = Read(Shared().tenant, "/v1/customers/102/health?as_of=" + kAsOfText);
    INFO(result.body);
    REQUIRE(result.status == 200);
    simdjson::dom::parser parser;
    const simdjson::dom::element answer = parser.parse(result.body);
    CHECK(int64_t(answer["score"]) == 62);
    CHECK(std::string_view(answer["band"]) == "watch");
    const simdjson::dom::element components = answer["components"];
    CHECK(Input(components.at(0), "active_days") == 6);
    CHECK(double(components.at(0)["score"]) == Approx(50));
    CHECK(Input(components.at(1), "on_time") == 1);
    CHECK(Input(components.at(1), "late") == 1);
    CHECK(Input(components.at(1), "overdue") == 0);
    CHECK(Input(components.at(2), "load") == 2);
    CHECK(Input(components.at(2), "stale") == 0);
    CHECK(double(components.at(2)["score"]) == Approx(84));
    CHECK(Input(components.at(3), "usage") == 10);
    CHECK(Input(components.at(3), "usage_prev") == 10);
    CHECK(Input(components.at(3), "features") == 2);
    CHECK(answer["signals"].get_array().size() == 0);
}

TEST_CASE("an at-risk customer has its signals in HEALTH.md's order with their severities", "[health][pg]") {
    const auto result = Read(Shared().tenant, "/v1/customers/103/health?as_of=" + kAsOfText);
    INFO(result.body);
    REQUIRE(result.status == 200);
    simdjson::dom::parser parser;
    const simdjson::dom::element answer = parser.parse(result.body);
    CHECK(int64_t(answer["score"]) == 18);
    CHECK(std::string_view(answer["band"]) == "at_risk");
    const simdjson::dom::element components = answer["components"];
    CHECK(Input(components.at(0), "active_days") == 2);
    CHECK(Input(components.at(1), "overdue") == 2);
    CHECK(double(components.at(1)["score"]) == Approx(0));
    CHECK(Input(components.at(2), "load") == 4);
    CHECK(Input(components.at(2), "stale") == 1);
    CHECK(Input(components.at(3), "usage") == 0);
    CHECK(Input(components.at(3), "usage_prev") == 30);
    const simdjson::dom::element signals = answer["signals"];
    CHECK(Codes(signals) == std::vector<std::string>{"no_recent_login", "login_drop", "invoice_overdue",
                                                     "invoice_overdue", "urgent_ticket_open", "usage_decline"});
    std::vector<std::string> severities;
    for (auto signal : signals.get_array()) severities.emplace_back(std::string_view(signal["severity"]));
    CHECK(std::count(severities.begin(), severities.end(), "critical") == 2);  // the older overdue, the ticket
    CHECK(severities[4] == "critical");
    CHECK(std::string_view(signals.at(1)["message"]).find('8') != std::string_view::npos);
}

TEST_CASE("events written out of order, one at a time, give the same answers", "[health][pg]") {
    auto events = ScenarioEvents();
    std::reverse(events.begin(), events.end());  // paid before issued, closed before opened
    const auto tenant = UniqueTenant("healthooo");
    Post(Shared().ingest, tenant, events, true);
    for (const std::string id : {"100", "102", "103"}) {
        const std::string target = "/v1/customers/" + id + "/health?as_of=" + kAsOfText;
        CHECK(Read(tenant, target).body == Read(Shared().tenant, target).body);
    }
    const std::string at_risk = "/v1/customers/at-risk?threshold=100&as_of=" + kAsOfText;
    CHECK(Read(tenant, at_risk).body == Read(Shared().tenant, at_risk).body);
}

TEST_CASE("an as_of inside a day splits that day's usage between the windows exactly", "[health][pg]") {
    const auto tenant = UniqueTenant("healthcut");
    const TimeUs edge_day = kAsOf - 30 * kDay;
    Post(Shared().ingest, tenant,
         {Event(200, "feature.used", edge_day + 9 * kHourUs, R"({"feature":"a","count":7})"),
          Event(200, "feature.used", edge_day + 13 * kHourUs, R"({"feature":"b","count":5})"),
          Event(200, "api.call", kAsOf + 11 * kHourUs, R"({"endpoint":"/x","count":3})"),
          Event(200, "api.call", kAsOf + 13 * kHourUs, R"({"endpoint":"/x","count":100})")},
         false);
    const std::string as_of = events::FormatRfc3339(kAsOf + 12 * kHourUs);
    const auto result = Read(tenant, "/v1/customers/200/health?as_of=" + as_of);
    INFO(result.body);
    REQUIRE(result.status == 200);
    simdjson::dom::parser parser;
    const simdjson::dom::element adoption = parser.parse(result.body)["components"].at(3);
    CHECK(Input(adoption, "usage") == 8);  // b's 5 after the edge, 3 before as_of; not the 100 after it
    CHECK(Input(adoption, "usage_prev") == 7);
    CHECK(Input(adoption, "features") == 1);
    const auto at_risk = Read(tenant, "/v1/customers/at-risk?threshold=100&as_of=" + as_of);
    REQUIRE(at_risk.status == 200);
    CHECK(AtRiskIds(at_risk) == std::vector<std::int64_t>{200});
}

TEST_CASE("a customer without an event in 90 days is inactive and on the at-risk list", "[health][pg]") {
    const auto tenant = UniqueTenant("healthidle");
    Post(Shared().ingest, tenant, {Event(300, "customer.login", kAsOf - 100 * kDay)}, false);
    const auto result = Read(tenant, "/v1/customers/300/health?as_of=" + kAsOfText);
    INFO(result.body);
    REQUIRE(result.status == 200);
    simdjson::dom::parser parser;
    const simdjson::dom::element answer = parser.parse(result.body);
    CHECK(std::string_view(answer["band"]) == "at_risk");
    CHECK(Codes(answer["signals"]).back() == "inactive");
    const auto at_risk = Read(tenant, "/v1/customers/at-risk?threshold=100&as_of=" + kAsOfText);
    CHECK(AtRiskIds(at_risk) == std::vector<std::int64_t>{300});
}

TEST_CASE("other actions count as events for inactivity and in the page data, though their bucket keeps only the "
          "first", "[health][pg]") {
    // One writer: it remembers the first event it committed, so the later one of the same day writes no row and the
    // stored bucket holds only the first (health::kOtherActionsKey). The answers must still see the later one.
    IngestHarness ingest([](ingest::IngestConfig& config) { config.writer.writers = 1; });
    ingest.WaitReady();
    const auto tenant = UniqueTenant("healthother");
    const TimeUs day = kAsOf - 100 * kDay;
    const TimeUs first = day + 1 * kHourUs, later = day + 23 * kHourUs;
    Post(ingest, tenant, {Event(310, "document.viewed", first)}, true);
    Post(ingest, tenant, {Event(310, "document.viewed", later)}, true);
    REQUIRE(Connect()->Exec("SELECT last_at = $2::timestamptz FROM customer_activity WHERE tenant = $1",
                            {tenant, events::FormatRfc3339(first)}).Get(0, 0) == "t");
    simdjson::dom::parser parser;

    // The window starts at noon of that day: only the later event is in it.
    const std::string as_of = events::FormatRfc3339(day + 90 * kDay + 12 * kHourUs);
    const auto health = Read(tenant, "/v1/customers/310/health?as_of=" + as_of);
    INFO(health.body);
    REQUIRE(health.status == 200);
    CHECK(Codes(parser.parse(health.body)["signals"]).empty());
    const auto at_risk = Read(tenant, "/v1/customers/at-risk?threshold=100&as_of=" + as_of);
    INFO(at_risk.body);
    REQUIRE(at_risk.status == 200);
    CHECK(Codes(parser.parse(at_risk.body)["customers"].at(0)["signals"]).empty());

    // 100 days and 2 hours after the later event: inactive, and "the last" is the later event, not the first.
    const std::string idle_as_of = events::FormatRfc3339(later + 100 * kDay + 2 * kHourUs);
    const auto idle = Read(tenant, "/v1/customers/310/health?as_of=" + idle_as_of);
    INFO(idle.body);
    const simdjson::dom::element signal = parser.parse(idle.body)["signals"].at(0);
    CHECK(std::string_view(signal["code"]) == "inactive");
    CHECK(std::string_view(signal["message"]) == "no event in the 90 days before as_of; the last was 100 days ago");
    const auto idle_list = Read(tenant, "/v1/customers/at-risk?threshold=100&as_of=" + idle_as_of);
    INFO(idle_list.body);
    CHECK(std::string_view(parser.parse(idle_list.body)["customers"].at(0)["signals"].at(0)["message"]) ==
          "no event in the 90 days before as_of; the last was 100 days ago");

    // The page data counts both events and sees the later one last.
    const auto page = Read(tenant, "/v1/customers/310");
    INFO(page.body);
    REQUIRE(page.status == 200);
    const simdjson::dom::element answer = parser.parse(page.body);
    CHECK(int64_t(answer["counts"]["document.viewed"]) == 2);
    CHECK(std::string_view(answer["first_seen"]) == events::FormatRfc3339(first));
    CHECK(std::string_view(answer["last_seen"]) == events::FormatRfc3339(later));
}

TEST_CASE("the at-risk list is below the threshold, lowest first, then by id, cut at the limit", "[health][pg]") {
    const auto& tenant = Shared().tenant;
    const auto below50 = Read(tenant, "/v1/customers/at-risk?as_of=" + kAsOfText);
    INFO(below50.body);
    REQUIRE(below50.status == 200);
    CHECK(AtRiskIds(below50) == std::vector<std::int64_t>{103, 104});
    simdjson::dom::parser parser;
    const simdjson::dom::element answer = parser.parse(below50.body);
    CHECK(int64_t(answer["threshold"]) == 50);
    CHECK(std::string_view(answer["as_of"]) == kAsOfText);
    CHECK(int64_t(answer["customers"].at(0)["score"]) == 18);
    CHECK(std::string_view(answer["customers"].at(0)["band"]) == "at_risk");
    CHECK(Codes(answer["customers"].at(0)["signals"]).size() == 6);

    CHECK(AtRiskIds(Read(tenant, "/v1/customers/at-risk?threshold=70&as_of=" + kAsOfText)) ==
          std::vector<std::int64_t>{103, 104, 102});
    CHECK(AtRiskIds(Read(tenant, "/v1/customers/at-risk?threshold=100&limit=2&as_of=" + kAsOfText)) ==
          std::vector<std::int64_t>{103, 104});
    CHECK(AtRiskIds(Read(tenant, "/v1/customers/at-risk?threshold=18&as_of=" + kAsOfText)).empty());
}

TEST_CASE("a customer's page data has first and last seen, counts and the latest activity events", "[health][pg]") {
    const auto result = Read(Shared().tenant, "/v1/customers/103?as_of=" + kAsOfText);
    INFO(result.body);
    REQUIRE(result.status == 200);
    simdjson::dom::parser parser;
    const simdjson::dom::element answer = parser.parse(result.body);
    CHECK(int64_t(answer["customer_id"]) == 103);
    CHECK(std::string_view(answer["first_seen"]) == events::FormatRfc3339(kAsOf - 70 * kDay + 10 * kHourUs));
    CHECK(std::string_view(answer["last_seen"]) == events::FormatRfc3339(kAsOf - 10 * kDay + 10 * kHourUs));
    CHECK(int64_t(answer["counts"]["customer.login"]) == 10);
    CHECK(int64_t(answer["counts"]["invoice.issued"]) == 2);
    CHECK(int64_t(answer["counts"]["ticket.opened"]) == 1);
    CHECK(int64_t(answer["counts"]["api.call"]) == 1);
    const simdjson::dom::array events = answer["events"].get_array();
    CHECK(events.size() == 14);
    CHECK(std::string_view(events.at(0)["action"]) == "ticket.opened");
    CHECK(std::string_view(events.at(0)["tenant"]) == Shared().tenant);

    // An as_of inside a day counts that day's events before it only.
    const auto earlier =
        Read(Shared().tenant, "/v1/customers/103?as_of=" + events::FormatRfc3339(kAsOf - 20 * kDay + 9 * kHourUs));
    INFO(earlier.body);
    const simdjson::dom::element partial = parser.parse(earlier.body);
    CHECK(int64_t(partial["counts"]["customer.login"]) == 9);
    CHECK(std::string_view(partial["last_seen"]) == events::FormatRfc3339(kAsOf - 25 * kDay + 10 * kHourUs));
}

TEST_CASE("an unknown customer is a 404 on every customer route", "[health][pg]") {
    const auto& tenant = Shared().tenant;
    CHECK(Read(tenant, "/v1/customers/999/health").status == 404);
    CHECK(Read(tenant, "/v1/customers/999").status == 404);
    CHECK(Read(tenant, "/v1/customers/abc/health").status == 404);
    // Before its first event, a customer did not exist yet.
    CHECK(Read(tenant, "/v1/customers/103/health?as_of=" + events::FormatRfc3339(kAsOf - 80 * kDay)).status == 404);
}

TEST_CASE("the health routes need the health:read scope", "[health][pg]") {
    const auto& tenant = Shared().tenant;
    for (const std::string target : {"/v1/customers/100/health", "/v1/customers/at-risk", "/v1/customers/100"}) {
        CHECK(Read(tenant, target, "events:read").status == 403);
    }
}

TEST_CASE("another tenant's token never sees this tenant's customers", "[health][pg]") {
    const auto other = UniqueTenant("healthb");
    CHECK(Read(other, "/v1/customers/100/health?as_of=" + kAsOfText).status == 404);
    CHECK(Read(other, "/v1/customers/100?as_of=" + kAsOfText).status == 404);
    const auto at_risk = Read(other, "/v1/customers/at-risk?threshold=100&as_of=" + kAsOfText);
    REQUIRE(at_risk.status == 200);
    CHECK(AtRiskIds(at_risk).empty());
}

TEST_CASE("bad health parameters are a 400 naming the parameter", "[health][pg]") {
    const auto& tenant = Shared().tenant;
    const std::vector<std::pair<std::string, std::string>> cases = {
        {"/v1/customers/at-risk?limit=0", "limit"},          {"/v1/customers/at-risk?limit=1001", "limit"},
        {"/v1/customers/at-risk?limit=ten", "limit"},        {"/v1/customers/at-risk?threshold=101", "threshold"},
        {"/v1/customers/at-risk?threshold=-1", "threshold"}, {"/v1/customers/at-risk?as_of=yesterday", "as_of"},
        {"/v1/customers/at-risk?colour=red", "colour"},      {"/v1/customers/100/health?as_of=2026-01-01", "as_of"},
        {"/v1/customers/100/health?limit=5", "limit"},       {"/v1/customers/100?as_of=2026-13-01T00:00:00Z", "as_of"},
        // The windows reach 180 days back: an as_of before 1970 would take them out of the years PostgreSQL can read.
        {"/v1/customers/at-risk?as_of=0001-01-01T00:00:00Z", "as_of"},
        {"/v1/customers/100/health?as_of=0001-01-01T00:00:00Z", "as_of"},
        {"/v1/customers/100?as_of=1969-12-31T23:59:59Z", "as_of"},
    };
    simdjson::dom::parser parser;
    for (const auto& [target, parameter] : cases) {
        const auto result = Read(tenant, target);
        INFO(target << " " << result.body);
        REQUIRE(result.status == 400);
        CHECK(std::string_view(parser.parse(result.body)["parameter"]) == parameter);
        CHECK(std::string_view(parser.parse(result.body)["code"]) == "invalid_parameter");
    }
}

}  // namespace auditrail::test
