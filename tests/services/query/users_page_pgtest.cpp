// GET and POST /users against the real query service and database: admins see and create users of their own
// tenant only, through the same code as POST /v1/users, with a flash for the outcome.
#include <algorithm>
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

HttpResult PostUser(TestClient& client, const std::string& cookie, const std::string& email, const std::string& role,
                    const std::string& password) {
    Headers headers = kForm;
    if (!cookie.empty()) headers.emplace_back("Cookie", cookie);
    return client.Request("POST", "/users",
                          "email=" + http::PercentEncode(email) + "&role=" + http::PercentEncode(role) +
                              "&password=" + http::PercentEncode(password),
                          headers);
}

bool Contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

bool Listed(pg::Connection& db, const std::string& tenant, const std::string& email) {
    const auto users = identity::ListUsers(db, tenant);
    return std::any_of(users.begin(), users.end(), [&](const auto& user) { return user.email == email; });
}

}  // namespace

TEST_CASE("an admin lists and creates users of its own tenant on the users page", "[forms][pg]") {
    auto db = Connect();
    const auto tenant = UniqueTenant("pageusers");
    const auto other = UniqueTenant("pageother");
    const auto admin_user = identity::CreateUser(*db, tenant, tenant + "-admin@example.com", kPassword, "admin");
    identity::CreateUser(*db, tenant, tenant + "-analyst@example.com", kPassword, "analyst");
    identity::CreateUser(*db, other, other + "@example.com", kPassword, "owner");
    const std::string email = tenant + "-o'neil&co@example.com";
    {
        QueryHarness query;
        TestClient client(query.Port());

        const auto anonymous = client.Request("GET", "/users");
        CHECK(anonymous.status == 303);
        CHECK(anonymous.Header("location") == "/login");
        CHECK(PostUser(client, "", email, "analyst", kPassword).status == 303);

        const auto admin = SessionCookie(client, tenant + "-admin@example.com");
        const auto page = client.Request("GET", "/users", {}, {{"Cookie", admin}});
        REQUIRE(page.status == 200);
        CHECK(Contains(page.body, "<h1>Users</h1>"));
        CHECK(Contains(page.body, "<table id=\"users\">"));
        CHECK(Contains(page.body, "<td>" + tenant + "-analyst@example.com</td><td>analyst</td><td>yes</td>"));
        CHECK_FALSE(Contains(page.body, other));
        CHECK_FALSE(Contains(page.body, "argon2"));
        CHECK(Contains(page.body, "<form id=\"new-user\""));
        for (const auto* name : {"email", "role", "password"}) {
            CHECK(Contains(page.body, std::string("name=\"") + name + "\""));
        }
        CHECK(Contains(page.body, "<button type=\"submit\">Create user</button>"));
        CHECK_FALSE(Contains(page.body, "<option value=\"owner\""));  // admins cannot make owners

        const auto created = PostUser(client, admin, email, "analyst", kPassword);
        REQUIRE(created.status == 303);
        const auto location = created.Header("location");
        REQUIRE(location.rfind("/users?created=", 0) == 0);
        CHECK(Listed(*db, tenant, email));
        CHECK_FALSE(Listed(*db, other, email));
        // A tenant field added to the form changes nothing: the user lands in the admin's own tenant.
        const std::string smuggled = tenant + "-smuggled@example.com";
        Headers with_tenant = kForm;
        with_tenant.emplace_back("Cookie", admin);
        CHECK(client.Request("POST", "/users",
                             "email=" + http::PercentEncode(smuggled) + "&role=analyst&password=" +
                                 http::PercentEncode(kPassword) + "&tenant=" + other,
                             with_tenant)
                  .status == 303);
        CHECK(Listed(*db, tenant, smuggled));
        CHECK_FALSE(Listed(*db, other, smuggled));
        const auto confirmed = client.Request("GET", location, {}, {{"Cookie", admin}});
        REQUIRE(confirmed.status == 200);
        const auto escaped = tenant + "-o&#39;neil&amp;co@example.com";
        CHECK(Contains(confirmed.body, "role=\"status\">Created user " + escaped + " as analyst.</p>"));
        CHECK(Contains(confirmed.body, "<td>" + escaped + "</td><td>analyst</td>"));
        CHECK_FALSE(Contains(confirmed.body, "o'neil"));

        const auto taken = PostUser(client, admin, email, "admin", kPassword);
        CHECK(taken.status == 409);
        CHECK(Contains(taken.body, "role=\"alert\">Email: a user with the email " + escaped + " exists.</p>"));
        CHECK(Contains(taken.body, "value=\"" + escaped + "\""));
        CHECK_FALSE(Contains(taken.body, kPassword));
        // Emails are unique across tenants; the other tenant's user stays where it is.
        CHECK(PostUser(client, admin, other + "@example.com", "analyst", kPassword).status == 409);
        CHECK_FALSE(Listed(*db, tenant, other + "@example.com"));

        const auto bad = PostUser(client, admin, "nope", "king", "short");
        CHECK(bad.status == 422);
        CHECK(Contains(bad.body, "role=\"alert\">Email: must be an email address of at most 254 characters.</p>"));
        const auto markup = PostUser(client, admin, "<b>@example.com", "analyst", kPassword);
        CHECK(markup.status == 422);
        CHECK(Contains(markup.body, "role=\"alert\">Email: must be an email address of at most 254 characters.</p>"));
        CHECK(Contains(markup.body, "value=\"&lt;b&gt;@example.com\""));
        CHECK_FALSE(Contains(markup.body, "<b>"));
        CHECK(Contains(bad.body, "role=\"alert\">Password: must be at least 12 characters.</p>"));
        CHECK(Contains(bad.body, "role=\"alert\">Role: must be owner, admin, analyst or content_creator.</p>"));
        const auto owner = PostUser(client, admin, tenant + "-o@example.com", "owner", kPassword);
        CHECK(owner.status == 403);
        CHECK(Contains(owner.body, "Role: you can only give a role whose access you have."));
        CHECK_FALSE(Listed(*db, tenant, tenant + "-o@example.com"));

        const auto analyst = SessionCookie(client, tenant + "-analyst@example.com");
        CHECK(client.Request("GET", "/users", {}, {{"Cookie", analyst}}).status == 403);
        CHECK(PostUser(client, analyst, tenant + "-x@example.com", "analyst", kPassword).status == 403);
        CHECK_FALSE(Listed(*db, tenant, tenant + "-x@example.com"));
    }
    // The harness has shut down, so the audit writer has drained: the creation is an audit event.
    const auto audit =
        db->Exec("SELECT actor_id, ingested_by FROM events WHERE tenant = $1 AND action = 'user.created'", {tenant});
    REQUIRE(audit.Rows() == 2);
    for (int row = 0; row < audit.Rows(); ++row) {
        CHECK(audit.Get(row, 0) == admin_user.id);
        CHECK(audit.Get(row, 1) == "auditrail-query");
    }
    CHECK(db->Exec("SELECT count(*) FROM events WHERE tenant = $1 AND category = 'auditrail'", {other}).GetInt(0, 0) ==
          0);
}

TEST_CASE("an owner may create owners on the users page", "[forms][pg]") {
    auto db = Connect();
    const auto tenant = UniqueTenant("pageowner");
    identity::CreateUser(*db, tenant, tenant + "@example.com", kPassword, "owner");
    QueryHarness query;
    TestClient client(query.Port());
    const auto owner = SessionCookie(client, tenant + "@example.com");
    CHECK(Contains(client.Request("GET", "/users", {}, {{"Cookie", owner}}).body, "<option value=\"owner\""));
    CHECK(PostUser(client, owner, tenant + "-second@example.com", "owner", kPassword).status == 303);
    CHECK(Listed(*db, tenant, tenant + "-second@example.com"));
}

TEST_CASE("forms sent from another origin are refused: no user made, no one signed in or out", "[forms][pg]") {
    auto db = Connect();
    const auto tenant = UniqueTenant("csrf");
    identity::CreateUser(*db, tenant, tenant + "-owner@example.com", kPassword, "owner");
    QueryHarness query;
    TestClient client(query.Port());
    const auto owner = SessionCookie(client, tenant + "-owner@example.com");
    // Another port of this host: the same site, so a SameSite=Strict cookie goes along, but another origin.
    const Headers elsewhere = {{"Content-Type", "application/x-www-form-urlencoded"},
                               {"Cookie", owner},
                               {"Origin", "http://127.0.0.1:1"}};
    const auto made = client.Request("POST", "/users",
                                     "email=" + tenant + "-evil%40example.com&role=owner&password=" + kPassword,
                                     elsewhere);
    CHECK(made.status == 403);
    CHECK(made.Header("content-type").rfind("text/html", 0) == 0);
    CHECK(Contains(made.body, "this form was sent from http://127.0.0.1:1, not from this site"));
    CHECK_FALSE(Listed(*db, tenant, tenant + "-evil@example.com"));

    const auto login = client.Request("POST", "/login",
                                      "email=" + tenant + "-owner%40example.com&password=" + kPassword,
                                      {{"Content-Type", "application/x-www-form-urlencoded"},
                                       {"Sec-Fetch-Site", "cross-site"}});
    CHECK(login.status == 403);
    CHECK(login.Header("set-cookie").empty());
    CHECK(client.Request("POST", "/logout", "", {{"Origin", "http://evil.example"}}).status == 403);

    // From the page itself, as a browser sends it (its Host names the port too).
    const std::string own = "127.0.0.1:" + std::to_string(query.Port());
    Headers same = elsewhere;
    same.back().second = "http://" + own;
    same.emplace_back("Host", own);
    CHECK(client.Request("POST", "/users",
                         "email=" + tenant + "-fine%40example.com&role=analyst&password=" + kPassword, same)
              .status == 303);
    CHECK(Listed(*db, tenant, tenant + "-fine@example.com"));
}

}  // namespace auditrail::test
