// GET and POST /customers/{id}/events/new against the real query service and database: sessions and scopes,
// the API's rules as error flashes, and a recorded event with its health state committed before the answer.
#include <auditrail/events/time.hpp>
#include <auditrail/http/query_string.hpp>
#include <auditrail/identity/user_store.hpp>
#include <catch2/catch.hpp>
#include <support/query_harness.hpp>

namespace auditrail::test {
namespace {

const std::string kPassword = "correct horse battery";
const Headers kForm = {{"Content-Type", "application/x-www-form-urlencoded"}};

std::string SessionCookie(TestClient& client, const std::string& email) {
    return SignInCookie(client, email, kPassword);
}

HttpResult GetPage(TestClient& client, const std::string& cookie, const std::string& target) {
    return client.Request("GET", target, {}, cookie.empty() ? Headers{} : Headers{{"Cookie", cookie}});
}

/// Posts the form fields (name, value) as a browser would.
HttpResult PostForm(TestClient& client, const std::string& cookie, const std::string& target,
                    const std::vector<std::pair<std::string, std::string>>& fields) {
    std::string body;
    for (const auto& [name, value] : fields) {
        if (!body.empty()) body += '&';
        body += http::PercentEncode(name) + "=" + http::PercentEncode(value);
    }
    Headers headers = kForm;
    if (!cookie.empty()) headers.emplace_back("Cookie", cookie);
    return client.Request("POST", target, body, headers);
}

std::int64_t CountEvents(pg::Connection& db, const std::string& tenant) {
    // Sign-ins are audit events of the tenant too (category auditrail); the form's are `customer`.
    return db.Exec("SELECT count(*) FROM events WHERE tenant = $1 AND category <> 'auditrail'", {tenant}).GetInt(0, 0);
}

bool Contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

/// A datetime-local value (UTC) `t` microseconds since the epoch, to the second.
std::string DatetimeLocal(events::TimeUs t) { return events::FormatRfc3339(t).substr(0, 19); }

}  // namespace

TEST_CASE("the event form needs a session with events:write", "[forms][pg]") {
    auto db = Connect();
    const auto tenant = UniqueTenant("formauth");
    identity::CreateUser(*db, tenant, tenant + "-owner@example.com", kPassword, "owner");
    identity::CreateUser(*db, tenant, tenant + "-analyst@example.com", kPassword, "analyst");
    QueryHarness query;
    TestClient client(query.Port());
    const std::vector<std::pair<std::string, std::string>> login{{"action", "customer.login"}};

    const auto anonymous = GetPage(client, "", "/customers/42/events/new");
    CHECK(anonymous.status == 303);
    CHECK(anonymous.Header("location") == "/login");
    const auto anonymous_post = PostForm(client, "", "/customers/42/events/new", login);
    CHECK(anonymous_post.status == 303);
    CHECK(anonymous_post.Header("location") == "/login");
    const auto forged = PostForm(client, "auditrail_session=forged.token.value", "/customers/42/events/new", login);
    CHECK(forged.status == 303);

    const auto analyst = SessionCookie(client, tenant + "-analyst@example.com");
    CHECK(GetPage(client, analyst, "/customers/42/events/new").status == 403);
    const auto refused = PostForm(client, analyst, "/customers/42/events/new", login);
    CHECK(refused.status == 403);
    CHECK(Contains(refused.body, "Not allowed"));
    CHECK(CountEvents(*db, tenant) == 0);

    const auto owner = SessionCookie(client, tenant + "-owner@example.com");
    const auto form = GetPage(client, owner, "/customers/42/events/new");
    REQUIRE(form.status == 200);
    CHECK(form.Header("content-type") == "text/html; charset=utf-8");
    CHECK(Contains(form.body, "<form id=\"event-form\" method=\"post\">"));
    for (const auto* name :
         {"action", "occurred_at", "outcome", "message", "invoice_id", "amount", "currency", "due_at", "paid_at",
          "ticket_id", "priority", "created_at", "closed_at", "endpoint", "feature", "count"}) {
        CHECK(Contains(form.body, std::string("name=\"") + name + "\""));
    }
    CHECK(Contains(form.body, "<button type=\"submit\">Record event</button>"));
    CHECK_FALSE(Contains(form.body, "class=\"flash"));
    CHECK(GetPage(client, owner, "/customers/not-a-number/events/new").status == 404);
}

TEST_CASE("a bad event shows an error flash naming each field, keeps the values escaped and stores nothing",
          "[forms][pg]") {
    auto db = Connect();
    const auto tenant = UniqueTenant("formbad");
    identity::CreateUser(*db, tenant, tenant + "@example.com", kPassword, "owner");
    QueryHarness query;
    TestClient client(query.Port());
    const auto owner = SessionCookie(client, tenant + "@example.com");

    const auto refused = PostForm(client, owner, "/customers/42/events/new",
                                  {{"action", "invoice.issued"},
                                   {"occurred_at", "yesterday"},
                                   {"outcome", "success"},
                                   {"message", "<script>alert('x')</script>"},
                                   {"invoice_id", "inv-\"1\""},
                                   {"amount", "-1"},
                                   {"currency", "EUR"},
                                   {"due_at", ""}});
    CHECK(refused.status == 422);
    CHECK(Contains(refused.body, "role=\"alert\">Due at (due_at): is required</p>"));
    CHECK(Contains(refused.body, "role=\"alert\">Amount (amount): must be greater than 0</p>"));
    CHECK(Contains(refused.body, "role=\"alert\">Occurred at (occurred_at): not an RFC 3339 timestamp</p>"));
    CHECK_FALSE(Contains(refused.body, "Currency (currency)"));
    CHECK_FALSE(Contains(refused.body, "class=\"flash flash-success\""));
    // What was entered comes back, escaped; the markup in it is never live.
    CHECK(Contains(refused.body, "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;</textarea>"));
    CHECK_FALSE(Contains(refused.body, "<script>"));
    CHECK(Contains(refused.body, "value=\"inv-&quot;1&quot;\""));
    CHECK(Contains(refused.body, "name=\"amount\" type=\"text\" inputmode=\"decimal\" value=\"-1\""));
    CHECK(Contains(refused.body, "<option value=\"invoice.issued\" selected>"));

    // Rules of other actions and fields, each by the API's validator.
    const auto closed = PostForm(client, owner, "/customers/42/events/new",
                                 {{"action", "ticket.closed"},
                                  {"ticket_id", "t-1"},
                                  {"created_at", "2026-01-02T10:00"},
                                  {"closed_at", "2026-01-01T10:00"},
                                  {"count", "two"}});
    CHECK(closed.status == 422);
    CHECK(Contains(closed.body, "Closed at (closed_at): must not be before data.created_at"));
    const auto usage = PostForm(client, owner, "/customers/42/events/new",
                                {{"action", "api.call"}, {"count", "0"}, {"outcome", "maybe"}});
    CHECK(usage.status == 422);
    CHECK(Contains(usage.body, "Endpoint (endpoint): is required"));
    CHECK(Contains(usage.body, "Count (count): must be at least 1"));
    CHECK(Contains(usage.body, "Outcome (outcome): must be success, failure or unknown"));
    const auto foreign = PostForm(client, owner, "/customers/42/events/new", {{"action", "user.login"}});
    CHECK(foreign.status == 422);
    CHECK(Contains(foreign.body, "Action (action): must be one of the customer-activity actions"));
    const auto unreadable =
        client.Request("POST", "/customers/42/events/new", "action=%zz", {kForm[0], {"Cookie", owner}});
    CHECK(unreadable.status == 400);
    CHECK(Contains(unreadable.body, "class=\"flash flash-error\""));

    CHECK(CountEvents(*db, tenant) == 0);
}

TEST_CASE("a good event is committed once with the customer's health state before the page confirms it",
          "[forms][pg]") {
    auto db = Connect();
    const auto tenant = UniqueTenant("formgood");
    const auto other = UniqueTenant("formother");
    const auto owner_user = identity::CreateUser(*db, tenant, tenant + "@example.com", kPassword, "owner");
    identity::CreateUser(*db, other, other + "@example.com", kPassword, "owner");
    QueryHarness query;
    TestClient client(query.Port());
    const auto owner = SessionCookie(client, tenant + "@example.com");

    const events::TimeUs second = 1'000'000;
    const events::TimeUs occurred = events::NowUs() / second * second - 3600 * second;
    const events::TimeUs due = occurred + 14 * 24 * 3600 * second;
    const auto recorded = PostForm(client, owner, "/customers/42/events/new",
                                   {{"action", "invoice.issued"},
                                    {"occurred_at", DatetimeLocal(occurred)},
                                    {"outcome", "success"},
                                    {"message", "first invoice"},
                                    {"invoice_id", "inv-7"},
                                    {"amount", "120.50"},
                                    {"currency", "EUR"},
                                    {"due_at", DatetimeLocal(due).substr(0, 16)},
                                    {"priority", ""},
                                    {"count", ""}});
    REQUIRE(recorded.status == 303);
    const std::string prefix = "/customers/42/events/new?recorded=";
    const auto location = recorded.Header("location");
    REQUIRE(location.rfind(prefix, 0) == 0);
    const std::string id = location.substr(prefix.size());

    // Committed before the answer: no waiting.
    const auto stored = db->Exec(
        "SELECT id::text, customer_id, category, action, outcome, ingested_by, message, "
        "(extract(epoch FROM occurred_at) * 1000000)::bigint, data->>'amount', data->>'currency', "
        "(extract(epoch FROM (data->>'due_at')::timestamptz) * 1000000)::bigint, data ? 'count' "
        "FROM events WHERE tenant = $1 AND category <> 'auditrail'",
        {tenant});
    REQUIRE(stored.Rows() == 1);
    CHECK(stored.Get(0, 0) == id);
    CHECK(stored.GetInt(0, 1) == 42);
    CHECK(stored.Get(0, 2) == "customer");
    CHECK(stored.Get(0, 3) == "invoice.issued");
    CHECK(stored.Get(0, 4) == "success");
    CHECK(stored.Get(0, 5) == owner_user.id);
    CHECK(stored.Get(0, 6) == "first invoice");
    CHECK(stored.GetInt(0, 7) == occurred);
    CHECK(stored.Get(0, 8) == "120.5");
    CHECK(stored.Get(0, 9) == "EUR");
    CHECK(stored.GetInt(0, 10) == due / (60 * second) * (60 * second));
    CHECK(stored.Get(0, 11) == "f");
    CHECK(db->Exec("SELECT count(*) FROM events WHERE id = $1::uuid", {id}).GetInt(0, 0) == 1);

    const auto invoice = db->Exec(
        "SELECT (extract(epoch FROM due_at) * 1000000)::bigint, paid_at IS NULL FROM customer_invoices "
        "WHERE tenant = $1 AND customer_id = 42 AND invoice_id = 'inv-7'",
        {tenant});
    REQUIRE(invoice.Rows() == 1);
    CHECK(invoice.GetInt(0, 0) == due / (60 * second) * (60 * second));
    CHECK(invoice.Get(0, 1) == "t");
    // And the day shows an event of the customer (an invoice is not counted per day: health::kOtherActionsKey).
    CHECK(db->Exec("SELECT events FROM customer_activity WHERE tenant = $1 AND customer_id = 42 AND action = '*'",
                   {tenant})
              .GetInt(0, 0) == 1);

    const auto confirmed = GetPage(client, owner, location);
    REQUIRE(confirmed.status == 200);
    const auto at = events::FormatRfc3339(occurred);
    CHECK(Contains(confirmed.body, "role=\"status\">Recorded invoice.issued for customer 42 at " + at.substr(0, 10) +
                                       " " + at.substr(11, 8) + " UTC.</p>"));
    // The confirmation only names a stored event of this tenant and customer.
    CHECK_FALSE(Contains(GetPage(client, owner, "/customers/43/events/new?recorded=" + id).body,
                         "class=\"flash flash-success\""));
    CHECK_FALSE(
        Contains(GetPage(client, owner, "/customers/42/events/new?recorded=01936f6e-3f4a-7c8e-9d2b-5a1f0c3e7b21").body,
                 "class=\"flash flash-success\""));
    const auto stranger = SessionCookie(client, other + "@example.com");
    CHECK_FALSE(Contains(GetPage(client, stranger, location).body, "class=\"flash flash-success\""));

    // An RFC 3339 occurred_at works too, and a paid invoice closes the same row.
    const auto paid = PostForm(client, owner, "/customers/42/events/new",
                               {{"action", "invoice.paid"},
                                {"occurred_at", events::FormatRfc3339(occurred + 60 * second)},
                                {"invoice_id", "inv-7"}});
    REQUIRE(paid.status == 303);
    CHECK(db->Exec("SELECT (extract(epoch FROM paid_at) * 1000000)::bigint FROM customer_invoices "
                   "WHERE tenant = $1 AND customer_id = 42 AND invoice_id = 'inv-7'",
                   {tenant})
              .GetInt(0, 0) == occurred + 60 * second);
    CHECK(CountEvents(*db, tenant) == 2);
    CHECK(CountEvents(*db, other) == 0);
}

TEST_CASE("with the database down the pages and forms answer a 503 page and change nothing, never a 500",
          "[forms][pg][failure]") {
    auto db = Connect();
    const auto tenant = UniqueTenant("formdown");
    identity::CreateUser(*db, tenant, tenant + "@example.com", kPassword, "owner");
    QueryHarness query(
        [](query::QueryConfig& config) { config.server.handler_timeout = std::chrono::milliseconds(4000); });
    TestClient client(query.Port());
    const auto owner = SessionCookie(client, tenant + "@example.com");

    StopDatabase();
    const auto down = PostForm(client, owner, "/customers/42/events/new",
                               {{"action", "feature.used"}, {"feature", "reports"}, {"count", "3"}});
    const auto users = client.Request("GET", "/users", {}, {{"Cookie", owner}});
    const auto created = client.Request("POST", "/users",
                                        "email=" + http::PercentEncode(tenant + "-x@example.com") +
                                            "&role=analyst&password=" + http::PercentEncode(kPassword),
                                        {kForm[0], {"Cookie", owner}});
    const auto out = client.Request("POST", "/logout", {}, {{"Cookie", owner}});
    StartDatabase();

    // Whether the session still holds cannot be known without the database: no page, no change (fails closed).
    for (const auto& page : {down, users, created}) {
        CHECK(page.status == 503);
        CHECK(page.Header("content-type") == "text/html; charset=utf-8");
        CHECK(page.Header("retry-after") == "2");
        CHECK(Contains(page.body, "<h1>Try again shortly</h1>"));
    }
    CHECK(Contains(down.body, "Nothing was changed. Go back to find your entry as you left it"));
    CHECK(Contains(users.body, "Reload this page in a few seconds."));
    // Signing out cannot be recorded, but this browser is signed out all the same.
    CHECK(out.status == 503);
    CHECK(out.Header("set-cookie").find("auditrail_session=;") == 0);
    CHECK(Contains(out.body, "This browser is signed out"));
    auto after = Connect();
    // Only an answer that says the outcome is unknown may leave the event stored.
    if (!Contains(down.body, "may have been recorded")) CHECK(CountEvents(*after, tenant) == 0);
    CHECK(identity::ListUsers(*after, tenant).size() == 1);
}

}  // namespace auditrail::test
