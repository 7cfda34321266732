// GET /dashboard and GET /customers/{id} against the real query service and database: scenario customers
// written through the ingest service (so the write-time health state is what the pages read), viewers
// signed in through POST /login with each role, and the tenant confinement.
#include <simdjson.h>

#include <auditrail/events/time.hpp>
#include <auditrail/health/state.hpp>
#include <auditrail/http/query_string.hpp>
#include <auditrail/identity/user_store.hpp>
#include <catch2/catch.hpp>
#include <regex>
#include <set>
#include <src/pages/html.hpp>
#include <support/ingest_harness.hpp>
#include <support/query_harness.hpp>

namespace auditrail::test {
namespace {

using events::TimeUs;
constexpr TimeUs kMinuteUs = 60'000'000;
constexpr TimeUs kDay = health::kDayUs;
const std::string kPassword = "correct horse battery";

/// Customers of tenant A: 201 at risk with an overdue invoice whose id is markup; 202 one login whose
/// message and actor name are markup; 203 thirty API calls in the last hour (the paging).
constexpr std::int64_t kOverdue = 201;
constexpr std::int64_t kMarkup = 202;
constexpr std::int64_t kBusy = 203;
constexpr int kBusyEvents = 30;

std::string Event(std::int64_t customer, const std::string& action, TimeUs at, const std::string& data,
                  const std::string& extra = "") {
    return R"({"action":")" + action + R"(","customer_id":)" + std::to_string(customer) + R"(,"occurred_at":")" +
           events::FormatRfc3339(at) + R"(","data":)" + data + extra + "}";
}

std::vector<std::string> Post(IngestHarness& ingest, const std::string& tenant,
                              const std::vector<std::string>& events) {
    TestClient writer(ingest.Port());
    std::string batch = "{\"events\":[";
    for (std::size_t i = 0; i < events.size(); ++i) batch += (i ? "," : "") + events[i];
    const auto posted = PostEvents(writer, TestToken(tenant, "events:write"), batch + "]}");
    INFO(posted.body);
    REQUIRE(posted.status == 201);
    return AcceptedIds(posted.body);
}

/// Two tenants, a user of each role in A, an owner in B; built once per process.
struct Scenario {
    std::string tenant = UniqueTenant("pages");
    std::string other_tenant = UniqueTenant("pagesb");
    std::vector<std::string> busy_ids;  ///< kBusy's events, oldest first
    IngestHarness ingest;
    // No background snapshot: the dashboard then scores exactly at each view, so what it shows cannot depend on
    // whether a refresh ran between the scenario's posts (the snapshot path: health_snapshot_pgtest).
    QueryHarness query{[](query::QueryConfig& config) { config.health_snapshot_interval = std::chrono::seconds(0); }};

    Scenario() {
        ingest.WaitReady();
        const TimeUs now = events::NowUs();
        Post(
            ingest, tenant,
            {Event(kOverdue, "invoice.issued", now - 45 * kDay,
                   R"({"invoice_id":"<script>alert('inv')</script>","amount":10,"currency":"EUR","due_at":")" +
                       events::FormatRfc3339(now - 40 * kDay - 60 * kMinuteUs) + "\"}"),
             Event(
                 kMarkup, "customer.login", now - kMinuteUs / 2, "{}",
                 R"(,"message":"<script>alert('msg')</script>","actor":{"id":"eve","type":"user","name":"<b>Eve</b>"})")});
        std::vector<std::string> calls;
        for (int i = kBusyEvents; i >= 1; --i) {
            calls.push_back(Event(kBusy, "api.call", now - (i + 1) * kMinuteUs, R"({"endpoint":"/x","count":1})",
                                  R"(,"message":"call )" + std::to_string(i) + "\""));
        }
        busy_ids = Post(ingest, tenant, calls);
        auto db = Connect();
        for (const std::string role : {"owner", "admin", "analyst", "content_creator"}) {
            identity::CreateUser(*db, tenant, Email(tenant, role), kPassword, role);
        }
        identity::CreateUser(*db, other_tenant, Email(other_tenant, "owner"), kPassword, "owner");
    }

    static std::string Email(const std::string& tenant, const std::string& role) {
        return tenant + "-" + role + "@example.com";
    }
};

Scenario& Shared() {
    static Scenario scenario;
    return scenario;
}

/// Signs in through POST /login and answers the Cookie header of the session.
std::string SessionCookie(const std::string& tenant, const std::string& role) {
    TestClient client(Shared().query.Port());
    const auto signed_in = client.Request(
        "POST", "/login",
        "email=" + http::PercentEncode(Scenario::Email(tenant, role)) + "&password=" + http::PercentEncode(kPassword),
        {{"Content-Type", "application/x-www-form-urlencoded"}});
    REQUIRE(signed_in.status == 303);
    const auto cookie = signed_in.Header("set-cookie");
    return cookie.substr(0, cookie.find(';'));
}

const std::string& Cookie(const std::string& role) {
    static std::map<std::string, std::string> cookies;
    auto& cookie = cookies[role];
    if (cookie.empty()) cookie = SessionCookie(Shared().tenant, role);
    return cookie;
}

HttpResult Page(const std::string& cookie, const std::string& target) {
    TestClient client(Shared().query.Port());
    return client.Request("GET", target, {}, cookie.empty() ? Headers{} : Headers{{"Cookie", cookie}});
}

bool Contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

/// The text of element `<tag id="id"…>…</tag>` (the first closing tag after it; sections do not nest).
std::string Element(const std::string& html, const std::string& tag, const std::string& id) {
    const auto start = html.find("<" + tag + " id=\"" + id + "\"");
    if (start == std::string::npos) return "";
    const auto end = html.find("</" + tag + ">", start);
    return html.substr(start, end == std::string::npos ? std::string::npos : end - start);
}

std::vector<std::string> Matches(const std::string& text, const std::string& pattern) {
    std::vector<std::string> out;
    const std::regex re(pattern);
    for (std::sregex_iterator it(text.begin(), text.end(), re), end; it != end; ++it) out.push_back((*it)[1]);
    return out;
}

/// An attribute value as the browser reads it (the pages escape `&` in links as `&amp;`).
std::string Unescaped(const std::string& text) { return std::regex_replace(text, std::regex("&amp;"), "&"); }

/// The health API's answer for a customer of tenant A, now.
std::string HealthJson(std::int64_t customer) {
    TestClient client(Shared().query.Port());
    const auto result =
        Get(client, TestToken(Shared().tenant, "health:read"), "/v1/customers/" + std::to_string(customer) + "/health");
    REQUIRE(result.status == 200);
    return result.body;
}

}  // namespace

TEST_CASE("pages without a valid session send the browser to the sign-in page", "[pages][pg]") {
    for (const std::string target : {"/dashboard", "/customers/201"}) {
        for (const std::string cookie : {"", "auditrail_session=forged.token.value"}) {
            const auto page = Page(cookie, target);
            CHECK(page.status == 303);
            CHECK(page.Header("location") == "/login");
        }
    }
}

TEST_CASE("a proxy's Basic credentials do not hide the session cookie from the pages", "[pages][pg]") {
    TestClient client(Shared().query.Port());
    const auto page = client.Request("GET", "/dashboard", {},
                                     {{"Cookie", Cookie("owner")}, {"Authorization", "Basic cHJveHk6c2VjcmV0"}});
    CHECK(page.status == 200);
    // A bearer token still wins over the cookie, even a bad one.
    const auto bad = client.Request("GET", "/dashboard", {},
                                    {{"Cookie", Cookie("owner")}, {"Authorization", "Bearer forged.token.value"}});
    CHECK(bad.status == 303);
}

TEST_CASE("every role sees its own account; a content_creator is sent there when it signs in", "[pages][pg]") {
    TestClient client(Shared().query.Port());
    const auto signed_in = client.Request(
        "POST", "/login",
        "email=" + http::PercentEncode(Scenario::Email(Shared().tenant, "content_creator")) +
            "&password=" + http::PercentEncode(kPassword),
        {{"Content-Type", "application/x-www-form-urlencoded"}});
    REQUIRE(signed_in.status == 303);
    CHECK(signed_in.Header("location") == "/account");
    for (const std::string role : {"content_creator", "owner"}) {
        CAPTURE(role);
        const auto page = Page(Cookie(role), "/account");
        REQUIRE(page.status == 200);
        const auto account = Element(page.body, "table", "account");
        CHECK(Contains(account, "<td>" + Scenario::Email(Shared().tenant, role) + "</td>"));
        CHECK(Contains(account, "<th scope=\"row\">Role</th><td>" + role + "</td>"));
        CHECK(Contains(page.body, "<a href=\"/account\">Account</a>"));
    }
    CHECK(Contains(Element(Page(Cookie("content_creator"), "/account").body, "table", "account"), "this page only"));
    CHECK(Page("", "/account").status == 303);
}

TEST_CASE("a page path no route takes is answered with a page; API paths keep problem+json", "[pages][pg]") {
    TestClient client(Shared().query.Port());
    const auto missing = client.Request("GET", "/dashboard/");
    CHECK(missing.status == 404);
    CHECK(missing.Header("content-type").rfind("text/html", 0) == 0);
    CHECK_FALSE(missing.Header("content-security-policy").empty());
    CHECK(Contains(missing.body, "<h1>Not found</h1>"));
    const auto wrong_method = client.Request("DELETE", "/dashboard");
    CHECK(wrong_method.status == 405);
    CHECK(wrong_method.Header("allow") == "GET, HEAD");
    CHECK(wrong_method.Header("content-type").rfind("text/html", 0) == 0);
    const auto api = client.Request("GET", "/v1/nothing-here");
    CHECK(api.status == 404);
    CHECK(api.Header("content-type") == "application/problem+json");
}

TEST_CASE("a role with neither events:read nor health:read sees neither page", "[pages][pg]") {
    for (const std::string target : {"/dashboard", "/customers/201"}) {
        const auto page = Page(Cookie("content_creator"), target);
        CHECK(page.status == 403);
        CHECK(Contains(page.body, "Your role does not allow"));
    }
}

TEST_CASE("the dashboard shows totals, the at-risk customers with their signals and the latest events", "[pages][pg]") {
    const auto page = Page(Cookie("owner"), "/dashboard");
    REQUIRE(page.status == 200);
    CHECK(page.Header("content-type") == "text/html; charset=utf-8");
    CHECK(Contains(page.body, "<h1>Dashboard</h1>"));

    const std::string at_risk = Element(page.body, "section", "at-risk");
    REQUIRE(Contains(at_risk, "<tr data-customer-id=\"201\">"));
    CHECK(Contains(at_risk, "<a href=\"/customers/201\">"));
    // The signal's sentence is the health API's, escaped (it names the invoice id, which is markup).
    simdjson::dom::parser parser;
    const simdjson::dom::element health = parser.parse(HealthJson(kOverdue));
    const simdjson::dom::element signal = health["signals"].at(0);
    CHECK(std::string_view(signal["code"]) == "invoice_overdue");
    CHECK(std::string_view(signal["severity"]) == "critical");
    CHECK(Contains(at_risk, "<li class=\"sev-critical\" data-code=\"invoice_overdue\">"));
    CHECK(Contains(at_risk, query::HtmlEscape(std::string_view(signal["message"]))));
    CHECK(Contains(at_risk, "invoice &lt;script&gt;alert(&#39;inv&#39;)&lt;/script&gt; is unpaid 40 days"));
    CHECK(Contains(at_risk,
                   "<td class=\"score\" data-label=\"Score\">" + std::to_string(int64_t(health["score"])) + "</td>"));

    // Every at-risk customer is listed (fewer than the page shows), so the band total is the row count.
    const auto rows = Matches(at_risk, "<tr data-customer-id=\"([0-9]+)\">");
    const std::string totals = Element(page.body, "section", "totals");
    CHECK(Contains(totals, "<div id=\"total-at-risk\"><strong>" + std::to_string(rows.size()) + "</strong>"));
    const auto band_counts = Matches(totals, "<div id=\"total-(?:healthy|watch|at-risk)\"><strong>([0-9]+)</strong>");
    REQUIRE(band_counts.size() == 3);
    CHECK(std::stoi(band_counts[0]) + std::stoi(band_counts[1]) + std::stoi(band_counts[2]) == 3);

    const std::string latest = Element(page.body, "section", "latest-events");
    CHECK(Matches(latest, "<tr data-event-id=\"([0-9a-f-]+)\">").size() == 20);
    CHECK(Contains(latest, "<a href=\"/customers/202\">202</a>"));
    CHECK(Contains(latest, "&lt;script&gt;alert(&#39;msg&#39;)&lt;/script&gt;"));
    CHECK(Contains(latest, "&lt;b&gt;Eve&lt;/b&gt;"));
    // No markup of the tenant's data reaches the page unescaped.
    CHECK_FALSE(Contains(page.body, "<script"));
    CHECK_FALSE(Contains(page.body, "<b>Eve"));
}

TEST_CASE("the dashboard counts the tenant's events of the last day and of the last 30 days", "[pages][pg]") {
    // A tenant of its own, viewed with a token (a sign-in would add its own audit event, written later).
    const std::string tenant = UniqueTenant("pagescount");
    const TimeUs now = events::NowUs();
    std::vector<std::string> written;
    for (const TimeUs ago : {kMinuteUs, 60 * kMinuteUs, 20 * 60 * kMinuteUs, 2 * kDay, 29 * kDay, 31 * kDay}) {
        written.push_back(Event(300, "api.call", now - ago, R"({"endpoint":"/x"})"));
    }
    Post(Shared().ingest, tenant, written);
    const auto page = Page("auditrail_session=" + TestToken(tenant, "events:read"), "/dashboard");
    REQUIRE(page.status == 200);
    const std::string totals = Element(page.body, "section", "totals");
    CHECK(Contains(totals, "<div id=\"total-events-day\"><strong>3</strong>events in the last 24 hours</div>"));
    CHECK(Contains(totals, "<div id=\"total-events-30-days\"><strong>5</strong>events in the last 30 days</div>"));
    CHECK(Contains(totals, "Your role does not allow reading customer health."));
    CHECK_FALSE(Contains(totals, "total-at-risk"));
}

TEST_CASE("the customer page explains the score, its components and signals, with a 90-day chart", "[pages][pg]") {
    const auto page = Page(Cookie("owner"), "/customers/201");
    REQUIRE(page.status == 200);
    simdjson::dom::parser parser;
    const simdjson::dom::element health = parser.parse(HealthJson(kOverdue));

    CHECK(Contains(page.body, "<h1>Customer 201</h1>"));
    CHECK(Contains(page.body,
                   "<span id=\"score\" class=\"score\">" + std::to_string(int64_t(health["score"])) + "</span>"));
    CHECK(Contains(page.body, "<span id=\"band\" class=\"band band-at_risk\">at risk</span>"));

    const std::string components = Element(page.body, "section", "components");
    for (simdjson::dom::element component : health["components"].get_array()) {
        const std::string name{std::string_view(component["name"])};
        INFO(name);
        CHECK(Contains(components, "<tr data-component=\"" + name + "\">"));
        char sub_score[32];
        std::snprintf(sub_score, sizeof sub_score, "%.1f", double(component["score"]));
        CHECK(Contains(components,
                       "<td class=\"sub-score\" data-label=\"Sub-score\">" + std::string(sub_score) + "</td>"));
        CHECK(Contains(components, query::HtmlEscape(std::string_view(component["explanation"]))));
    }
    CHECK(Contains(components, "<td data-label=\"Weight\">30.0 %</td>"));
    CHECK(Contains(components, "<li data-input=\"overdue\">overdue: 1</li>"));

    const std::string signals = Element(page.body, "ul", "signals");
    CHECK(Contains(signals, "<li class=\"sev-critical\" data-code=\"invoice_overdue\">"));
    CHECK(Contains(signals, "&lt;script&gt;alert(&#39;inv&#39;)&lt;/script&gt;"));

    // The first event was 45 days ago: the chart's first days are a gap, the rest one line.
    const std::string chart = Element(page.body, "svg", "score-chart");
    REQUIRE_FALSE(chart.empty());
    CHECK(Contains(chart, "<title id=\"score-chart-title\">Health score of customer 201, last 90 days</title>"));
    CHECK(Contains(chart, "No score before "));
    CHECK(Contains(chart, "data-edge=\"watch\""));
    CHECK(Contains(chart, "data-edge=\"healthy\""));
    CHECK(Matches(chart, "<polyline[^>]* points=\"([^\"]*)\"").size() == 1);

    const std::string history = Element(page.body, "section", "events");
    CHECK(Matches(history, "<tr data-event-id=\"([0-9a-f-]+)\">").size() == 1);
    CHECK(Contains(history, "invoice.issued"));
    CHECK_FALSE(Contains(history, "rel=\"next\""));
    CHECK(Contains(page.body, "<a href=\"/customers/201/events/new\">"));
    CHECK_FALSE(Contains(page.body, "<script"));
}

TEST_CASE("the customer page honours as_of like the API", "[pages][pg]") {
    // Before the invoice fell due the customer had nothing overdue; before its first event it did not exist.
    const std::string before_due = events::FormatRfc3339(events::NowUs() - 42 * kDay);
    const auto page = Page(Cookie("owner"), "/customers/201?as_of=" + http::PercentEncode(before_due));
    REQUIRE(page.status == 200);
    CHECK_FALSE(Contains(page.body, "data-code=\"invoice_overdue\""));
    CHECK(Contains(page.body, "As of <time datetime=\"" + before_due + "\">"));
    const std::string before_first = events::FormatRfc3339(events::NowUs() - 50 * kDay);
    CHECK(Page(Cookie("owner"), "/customers/201?as_of=" + http::PercentEncode(before_first)).status == 404);
    CHECK(Page(Cookie("owner"), "/customers/201?as_of=yesterday").status == 400);
    CHECK(Page(Cookie("owner"), "/customers/201?color=red").status == 400);
}

TEST_CASE("the event history pages backwards with the search's keyset cursor", "[pages][pg]") {
    const auto& ids = Shared().busy_ids;
    REQUIRE(ids.size() == kBusyEvents);
    const auto first = Page(Cookie("owner"), "/customers/203");
    REQUIRE(first.status == 200);
    const std::string first_history = Element(first.body, "section", "events");
    const auto first_ids = Matches(first_history, "<tr data-event-id=\"([0-9a-f-]+)\">");
    // Newest first: the last 25 written, in reverse.
    REQUIRE(first_ids.size() == 25);
    CHECK(first_ids.front() == ids.back());
    CHECK(first_ids.back() == ids[5]);

    const auto next = Matches(first_history, "<a rel=\"next\" href=\"([^\"]*)\">Older events</a>");
    REQUIRE(next.size() == 1);
    const std::string target = Unescaped(next[0]);
    CHECK(target.rfind("/customers/203?cursor=", 0) == 0);
    const auto second = Page(Cookie("owner"), target.substr(0, target.find('#')));
    REQUIRE(second.status == 200);
    const std::string second_history = Element(second.body, "section", "events");
    const auto second_ids = Matches(second_history, "<tr data-event-id=\"([0-9a-f-]+)\">");
    CHECK(second_ids == std::vector<std::string>{ids[4], ids[3], ids[2], ids[1], ids[0]});
    CHECK_FALSE(Contains(second_history, "rel=\"next\""));
    CHECK(Contains(second_history, "Newest events"));

    // With as_of the links keep it, so that every page shows the same moment.
    const std::string as_of = events::FormatRfc3339(events::NowUs());
    const auto at = Page(Cookie("owner"), "/customers/203?as_of=" + http::PercentEncode(as_of));
    REQUIRE(at.status == 200);
    const auto at_next = Matches(Element(at.body, "section", "events"), "<a rel=\"next\" href=\"([^\"]*)\">");
    REQUIRE(at_next.size() == 1);
    CHECK(at_next[0].find("?as_of=" + http::PercentEncode(as_of) + "&amp;cursor=") != std::string::npos);
    const std::string at_target = Unescaped(at_next[0]);
    const auto at_second = Page(Cookie("owner"), at_target.substr(0, at_target.find('#')));
    REQUIRE(at_second.status == 200);
    CHECK(Matches(Element(at_second.body, "section", "events"), "<tr data-event-id=\"([0-9a-f-]+)\">") == second_ids);
    CHECK(Contains(at_second.body, "<time datetime=\"" + as_of + "\">"));

    // A cursor is bound to its customer: used on another customer's page it is refused.
    CHECK(Page(Cookie("owner"), "/customers/202" + target.substr(target.find('?'), target.find('#') - target.find('?')))
              .status == 400);
}

TEST_CASE("an analyst (health:read only) sees health but no event lists", "[pages][pg]") {
    const auto dashboard = Page(Cookie("analyst"), "/dashboard");
    REQUIRE(dashboard.status == 200);
    CHECK(Contains(Element(dashboard.body, "section", "at-risk"), "<tr data-customer-id=\"201\">"));
    const std::string latest = Element(dashboard.body, "section", "latest-events");
    CHECK(Contains(latest, "Your role does not allow reading events."));
    CHECK_FALSE(Contains(dashboard.body, "data-event-id"));
    CHECK_FALSE(Contains(dashboard.body, "total-events-day"));

    const auto customer = Page(Cookie("analyst"), "/customers/201");
    REQUIRE(customer.status == 200);
    CHECK(Contains(customer.body, "<span id=\"score\""));
    CHECK(Contains(Element(customer.body, "section", "events"), "Your role does not allow reading events."));
    CHECK_FALSE(Contains(customer.body, "data-event-id"));
    CHECK_FALSE(Contains(customer.body, "/events/new"));
}

TEST_CASE("a viewer with events:read only sees the event history but no health", "[pages][pg]") {
    // The session cookie holds the same kind of token as the API; no role has exactly this scope.
    const std::string cookie = "auditrail_session=" + TestToken(Shared().tenant, "events:read");
    const auto customer = Page(cookie, "/customers/201");
    REQUIRE(customer.status == 200);
    CHECK(Contains(customer.body, "Your role does not allow reading customer health."));
    CHECK_FALSE(Contains(customer.body, "id=\"score\""));
    CHECK_FALSE(Contains(customer.body, "<svg"));
    CHECK(Matches(customer.body, "<tr data-event-id=\"([0-9a-f-]+)\">").size() == 1);
    CHECK(Page(cookie, "/customers/999").status == 404);

    const auto dashboard = Page(cookie, "/dashboard");
    REQUIRE(dashboard.status == 200);
    CHECK(Contains(Element(dashboard.body, "section", "at-risk"), "Your role does not allow reading customer health."));
    CHECK(Contains(dashboard.body, "data-event-id"));
}

TEST_CASE("pages are confined to the viewer's tenant", "[pages][pg]") {
    CHECK(Page(Cookie("owner"), "/customers/999").status == 404);
    const std::string other = SessionCookie(Shared().other_tenant, "owner");
    const auto customer = Page(other, "/customers/201");
    CHECK(customer.status == 404);
    CHECK_FALSE(Contains(customer.body, "invoice"));
    const auto dashboard = Page(other, "/dashboard");
    REQUIRE(dashboard.status == 200);
    CHECK_FALSE(Contains(dashboard.body, "data-customer-id"));
    // Its own sign-in may be listed, but nothing of tenant A.
    CHECK_FALSE(Contains(dashboard.body, "/customers/20"));
    for (const auto& id : Shared().busy_ids) CHECK_FALSE(Contains(dashboard.body, id));
}

}  // namespace auditrail::test

namespace auditrail::test {

TEST_CASE("with the database down the pages and the sign-in form answer a 503 page with Retry-After, never JSON",
          "[pages][pg][failure]") {
    QueryHarness query(
        [](query::QueryConfig& config) { config.server.handler_timeout = std::chrono::milliseconds(4000); });
    TestClient client(query.Port());
    const Headers cookie = {
        {"Cookie", "auditrail_session=" + TestToken(UniqueTenant("pagesdown"), "events:read health:read")}};
    StopDatabase();
    const auto dashboard = client.Request("GET", "/dashboard", {}, cookie);
    const auto customer = client.Request("GET", "/customers/42", {}, cookie);
    const Headers form = {{"Content-Type", "application/x-www-form-urlencoded"}};
    const auto login = client.Request("POST", "/login", "email=someone%40example.com&password=secret", form);
    const auto token = client.Request("POST", "/v1/oauth/token", "grant_type=client_credentials",
                                      {form.front(), {"Authorization", BasicCredentials("some-client", "secret")}});
    StartDatabase();
    for (const auto& page : {dashboard, customer}) {
        CHECK(page.status == 503);
        CHECK(page.Header("content-type") == "text/html; charset=utf-8");
        CHECK(page.Header("retry-after") == "2");
        CHECK(Contains(page.body, "<h1>Try again shortly</h1>"));
    }
    // The sign-in form is a page too; the token endpoint is API, but keeps its no-store.
    CHECK(login.status == 503);
    CHECK(login.Header("content-type") == "text/html; charset=utf-8");
    CHECK(login.Header("retry-after") == "2");
    CHECK(Contains(login.body, "Signing in is not possible for a moment."));
    CHECK(token.status == 503);
    CHECK(token.Header("cache-control") == "no-store");
}

}  // namespace auditrail::test
