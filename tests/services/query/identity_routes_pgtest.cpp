// POST /v1/oauth/token, /login, /logout and /v1/users against the real query service and database.
#include <openssl/evp.h>

#include <algorithm>
#include <auditrail/auth/jwt_verifier.hpp>
#include <auditrail/http/problem.hpp>
#include <auditrail/identity/client_store.hpp>
#include <auditrail/identity/user_store.hpp>
#include <auditrail/http/query_string.hpp>

#include <catch2/catch.hpp>
#include <cctype>
#include <chrono>
#include <ctime>
#include <limits>
#include <src/pages/page_session.hpp>
#include <src/session_auth.hpp>
#include <src/session_state.hpp>
#include <support/query_harness.hpp>
#include <thread>
#include <vector>

namespace auditrail::test {
namespace {

const Headers kForm = {{"Content-Type", "application/x-www-form-urlencoded"}};
const std::string kPassword = "correct horse battery";

/// The JSON payload of a JWT.
std::string Payload(const std::string& token) {
    const auto first = token.find('.');
    const auto second = token.find('.', first + 1);
    std::string part = token.substr(first + 1, second - first - 1);
    std::replace(part.begin(), part.end(), '-', '+');
    std::replace(part.begin(), part.end(), '_', '/');
    while (part.size() % 4 != 0) part.push_back('=');
    std::string out(part.size(), '\0');
    const int length =
        EVP_DecodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                        reinterpret_cast<const unsigned char*>(part.data()), static_cast<int>(part.size()));
    out.resize(static_cast<std::size_t>(length));
    return out;
}

Headers Basic(const std::string& id, const std::string& secret) {
    return {{"Content-Type", "application/x-www-form-urlencoded"},
            {"Authorization", BasicCredentials(id, secret)}};
}

auth::VerifyResult VerifyToken(const std::string& token) {
    static const auth::JwtVerifier verifier(auth::JwtSettings{kTestSecret});
    return verifier.Verify("Bearer " + token, std::time(nullptr));
}

/// The session token of a Set-Cookie header.
std::string SessionToken(const HttpResult& result) {
    const auto cookie = result.Header("set-cookie");
    const auto start = cookie.find('=') + 1;
    return cookie.substr(start, cookie.find(';') - start);
}

HttpResult Login(TestClient& client, const std::string& email, const std::string& password) {
    return client.Request("POST", "/login", "email=" + http::PercentEncode(email) + "&password=" + http::PercentEncode(password), kForm);
}

std::string Upper(std::string text) {
    for (char& c : text) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return text;
}

HttpResult PostUser(TestClient& client, const std::string& token, const std::string& body) {
    return client.Request("POST", "/v1/users", body,
                          {{"Authorization", "Bearer " + token}, {"Content-Type", "application/json"}});
}

void Relaxed(query::QueryConfig& config) { config.identity.address_failures = 1000; }

}  // namespace

TEST_CASE("the token endpoint grants a verifiable token by Basic or by form fields", "[identity][pg]") {
    auto db = Connect();
    const auto tenant = UniqueTenant("oauth");
    const auto made = identity::CreateClient(*db, tenant, "billing", "events:write events:read");
    QueryHarness query(Relaxed);
    TestClient client(query.Port());

    const auto by_basic = client.Request("POST", "/v1/oauth/token", "grant_type=client_credentials",
                                         Basic(made.client.client_id, made.secret));
    REQUIRE(by_basic.status == 200);
    CHECK(by_basic.Header("cache-control") == "no-store");
    CHECK(JsonMember(by_basic.body, "token_type") == "Bearer");
    CHECK(JsonMember(by_basic.body, "scope") == "events:write events:read");
    CHECK(by_basic.body.find("\"expires_in\":3600") != std::string::npos);
    const auto token = JsonMember(by_basic.body, "access_token");
    const auto verified = VerifyToken(token);
    REQUIRE(verified.status == auth::VerifyStatus::kOk);
    CHECK(verified.claims.tenant == tenant);
    CHECK(verified.claims.sub == made.client.client_id);
    CHECK(verified.claims.HasScope("events:write"));
    CHECK(verified.claims.HasScope("events:read"));
    CHECK(Payload(token).find("\"jti\":") != std::string::npos);

    const auto by_form =
        client.Request("POST", "/v1/oauth/token",
                       "grant_type=client_credentials&scope=events%3Aread&client_id=" + http::PercentEncode(made.client.client_id) +
                           "&client_secret=" + http::PercentEncode(made.secret),
                       kForm);
    REQUIRE(by_form.status == 200);
    CHECK(JsonMember(by_form.body, "scope") == "events:read");
    const auto narrowed = VerifyToken(JsonMember(by_form.body, "access_token"));
    REQUIRE(narrowed.status == auth::VerifyStatus::kOk);
    CHECK(narrowed.claims.HasScope("events:read"));
    CHECK_FALSE(narrowed.claims.HasScope("events:write"));
    CHECK(Payload(JsonMember(by_form.body, "access_token")) != Payload(token));

    // Form encoding: '+' separates the scopes as a space does; granted in the order asked.
    const auto plus = client.Request("POST", "/v1/oauth/token",
                                     "grant_type=client_credentials&scope=events%3Aread+events%3Awrite",
                                     Basic(made.client.client_id, made.secret));
    REQUIRE(plus.status == 200);
    CHECK(JsonMember(plus.body, "scope") == "events:read events:write");

    SECTION("the token reads the client's tenant") {
        const auto read = Get(client, JsonMember(by_form.body, "access_token"), "/v1/event-types");
        CHECK(read.status == 200);
    }
}

TEST_CASE("the token endpoint answers each RFC 6749 error it produces", "[identity][pg]") {
    auto db = Connect();
    const auto made = identity::CreateClient(*db, UniqueTenant("oautherr"), "svc", "events:read");
    QueryHarness query(Relaxed);
    TestClient client(query.Port());
    const auto good = Basic(made.client.client_id, made.secret);
    const auto expect = [&](const HttpResult& result, int status, const std::string& error) {
        CHECK(result.status == status);
        CHECK(result.Header("content-type").rfind("application/json", 0) == 0);
        CHECK(JsonMember(result.body, "error") == error);
        CHECK(result.Header("cache-control") == "no-store");
        CHECK(result.Header("pragma") == "no-cache");
        CHECK(result.body.find("access_token") == std::string::npos);
    };

    expect(client.Request("POST", "/v1/oauth/token", "grant_type=client_credentials", {good[1]}), 400,
           "invalid_request");  // no form content type
    expect(client.Request("POST", "/v1/oauth/token", "scope=events%3Aread", good), 400, "invalid_request");
    expect(client.Request("POST", "/v1/oauth/token", "grant_type=client_credentials&grant_type=password", good), 400,
           "invalid_request");
    expect(client.Request("POST", "/v1/oauth/token", "grant_type=password&username=a&password=b", good), 400,
           "unsupported_grant_type");
    expect(client.Request("POST", "/v1/oauth/token", "grant_type=client_credentials&scope=events%3Aread&scope=admin",
                          good),
           400, "invalid_request");  // any parameter repeated (RFC 6749 §3.2)
    expect(client.Request("POST", "/v1/oauth/token",
                          "grant_type=client_credentials&client_secret=" + http::PercentEncode(made.secret), good),
           400, "invalid_request");  // Basic and form secret at once
    expect(client.Request("POST", "/v1/oauth/token", "grant_type=client_credentials&client_id=cl_someone_else", good),
           400, "invalid_request");  // a form client_id that is not Basic's
    expect(client.Request("POST", "/v1/oauth/token", "grant_type=client_credentials",
                          {kForm[0], {"Authorization", "Bearer " + TestToken("oautherr", "admin")}}),
           401, "invalid_client");  // another authentication scheme (RFC 6749 §5.2)
    expect(client.Request("POST", "/v1/oauth/token", "grant_type=client_credentials&scope=admin", good), 400,
           "invalid_scope");
    expect(client.Request("POST", "/v1/oauth/token", "grant_type=client_credentials&scope=nope", good), 400,
           "invalid_scope");

    const auto wrong = client.Request("POST", "/v1/oauth/token", "grant_type=client_credentials",
                                      Basic(made.client.client_id, "wrong-secret"));
    expect(wrong, 401, "invalid_client");
    CHECK(wrong.Header("www-authenticate") == "Basic realm=\"auditrail\"");
    const auto unknown = client.Request("POST", "/v1/oauth/token", "grant_type=client_credentials",
                                        Basic("cl_no_such_client", "wrong-secret"));
    expect(unknown, 401, "invalid_client");
    CHECK(unknown.body == wrong.body);
    expect(client.Request("POST", "/v1/oauth/token", "grant_type=client_credentials", kForm), 401, "invalid_client");
    expect(client.Request("POST", "/v1/oauth/token", "grant_type=client_credentials",
                          {kForm[0], {"Authorization", "Basic !!!"}}),
           401, "invalid_client");

    // Bytes PostgreSQL cannot hold as text are no client id: malformed, not a 500.
    expect(client.Request("POST", "/v1/oauth/token", "grant_type=client_credentials&client_id=%ff&client_secret=x",
                          kForm),
           400, "invalid_request");
    expect(client.Request("POST", "/v1/oauth/token", "grant_type=client_credentials",
                          Basic(std::string("cl_\xff"), "wrong-secret")),
           401, "invalid_client");
    expect(client.Request("POST", "/v1/oauth/token", "grant_type=client_credentials",
                          Basic(std::string("cl_\0x", 4), "wrong-secret")),
           401, "invalid_client");

    // By form fields, a wrong secret and an unknown client answer alike too.
    const auto form_wrong = client.Request(
        "POST", "/v1/oauth/token",
        "grant_type=client_credentials&client_id=" + http::PercentEncode(made.client.client_id) + "&client_secret=x",
        kForm);
    expect(form_wrong, 401, "invalid_client");
    const auto form_unknown = client.Request(
        "POST", "/v1/oauth/token", "grant_type=client_credentials&client_id=cl_no_such_client&client_secret=x", kForm);
    expect(form_unknown, 401, "invalid_client");
    CHECK(form_unknown.body == form_wrong.body);

    REQUIRE(client.Request("POST", "/v1/oauth/token", "grant_type=client_credentials", good).status == 200);
    identity::DisableClient(*db, made.client.client_id);
    const auto disabled = client.Request("POST", "/v1/oauth/token", "grant_type=client_credentials", good);
    expect(disabled, 401, "invalid_client");
    CHECK(disabled.Header("www-authenticate") == "Basic realm=\"auditrail\"");
    CHECK(disabled.body == wrong.body);  // a disabled client is not told apart from a wrong secret
}

TEST_CASE("a successful token answer is no-store application/json", "[identity][pg]") {
    auto db = Connect();
    const auto made = identity::CreateClient(*db, UniqueTenant("oauthok"), "svc", "events:read");
    QueryHarness query(Relaxed);
    TestClient client(query.Port());
    const auto granted = client.Request("POST", "/v1/oauth/token", "grant_type=client_credentials",
                                        Basic(made.client.client_id, made.secret));
    REQUIRE(granted.status == 200);
    CHECK(granted.Header("content-type").rfind("application/json", 0) == 0);
    CHECK(granted.Header("cache-control") == "no-store");
    CHECK(granted.Header("pragma") == "no-cache");
    CHECK(JsonMember(granted.body, "error").empty());
    CHECK(granted.Header("www-authenticate").empty());
}

TEST_CASE("failed client authentications are limited per client and per address, then recover", "[identity][pg]") {
    auto db = Connect();
    const auto made = identity::CreateClient(*db, UniqueTenant("oauthrl"), "svc", "events:read");
    QueryHarness query([](query::QueryConfig& config) {
        config.identity.account_failures = 2;
        config.identity.address_failures = 4;
        config.identity.failure_window = std::chrono::milliseconds(1000);
    });
    TestClient client(query.Port());
    const auto attempt = [&](const std::string& id, const std::string& secret) {
        return client.Request("POST", "/v1/oauth/token", "grant_type=client_credentials", Basic(id, secret));
    };

    CHECK(attempt(made.client.client_id, "wrong").status == 401);
    CHECK(attempt(made.client.client_id, "wrong").status == 401);
    const auto limited = attempt(made.client.client_id, made.secret);  // even the right secret waits
    CHECK(limited.status == 429);
    CHECK(JsonMember(limited.body, "error") == "slow_down");
    CHECK(limited.Header("retry-after") == "1");
    // Another client from the same address is not limited yet; two more failures exhaust the address.
    CHECK(attempt("cl_other", "wrong").status == 401);
    CHECK(attempt("cl_other2", "wrong").status == 401);
    CHECK(attempt("cl_third", "wrong").status == 429);

    std::this_thread::sleep_for(std::chrono::milliseconds(1100));
    CHECK(attempt(made.client.client_id, made.secret).status == 200);
}

TEST_CASE("signing in sets a strict HttpOnly session cookie that authenticates the role's scopes", "[identity][pg]") {
    auto db = Connect();
    const auto tenant = UniqueTenant("login");
    const auto admin = identity::CreateUser(*db, tenant, tenant + "-admin@example.com", kPassword, "admin");
    identity::CreateUser(*db, tenant, tenant + "-analyst@example.com", kPassword, "analyst");
    identity::CreateUser(*db, tenant, tenant + "-writer@example.com", kPassword, "content_creator");
    QueryHarness query(Relaxed);
    TestClient client(query.Port());

    const auto form = client.Request("GET", "/login");
    CHECK(form.status == 200);
    CHECK(form.Header("content-type") == "text/html; charset=utf-8");
    CHECK(form.body.find("<form method=\"post\" action=\"/login\">") != std::string::npos);

    const auto signed_in = Login(client, tenant + "-ADMIN@example.com", kPassword);
    REQUIRE(signed_in.status == 303);
    CHECK(signed_in.Header("location") == "/dashboard");
    const auto cookie = signed_in.Header("set-cookie");
    CHECK(cookie.rfind("auditrail_session=", 0) == 0);
    CHECK(cookie.find("; HttpOnly") != std::string::npos);
    CHECK(cookie.find("; SameSite=Strict") != std::string::npos);
    CHECK(cookie.find("; Path=/") != std::string::npos);
    CHECK(cookie.find("; Max-Age=28800") != std::string::npos);

    const auth::JwtVerifier verifier(auth::JwtSettings{kTestSecret});
    http::Request page;
    page.headers = {{"cookie", "theme=dark; auditrail_session=" + SessionToken(signed_in)}};
    const auto claims = query::PageViewer(page, verifier);
    REQUIRE(claims);
    CHECK(claims->tenant == tenant);
    CHECK(claims->sub == admin.id);
    CHECK(claims->HasScope("admin"));
    CHECK(claims->HasScope("events:read"));
    CHECK_FALSE(claims->HasScope("events:write"));

    const auto analyst = Login(client, tenant + "-analyst@example.com", kPassword);
    REQUIRE(analyst.status == 303);
    page.headers = {{"cookie", "auditrail_session=" + SessionToken(analyst)}};
    const auto analyst_claims = query::PageViewer(page, verifier);
    REQUIRE(analyst_claims);
    CHECK(analyst_claims->tenant == tenant);
    CHECK(analyst_claims->HasScope("health:read"));
    CHECK_FALSE(analyst_claims->HasScope("events:read"));
    const auto writer = Login(client, tenant + "-writer@example.com", kPassword);
    REQUIRE(writer.status == 303);
    page.headers = {{"cookie", "auditrail_session=" + SessionToken(writer)}};
    const auto writer_claims = query::PageViewer(page, verifier);
    REQUIRE(writer_claims);
    for (const auto* scope : {"health:read", "events:read", "events:export", "admin"}) {
        CHECK_FALSE(writer_claims->HasScope(scope));
    }
    page.headers = {{"cookie", "auditrail_session=forged.token.value"}};
    CHECK_FALSE(query::PageViewer(page, verifier));
    // Two session cookies (one planted for a longer path by another port of this host, say) are none: a page
    // asks for a sign-in rather than guess which account the person meant.
    page.headers = {{"cookie", "auditrail_session=" + SessionToken(writer) + "; auditrail_session=" +
                                   SessionToken(analyst)}};
    CHECK_FALSE(query::PageViewer(page, verifier));
    page.headers = {{"cookie", "auditrail_session=" + SessionToken(writer)},
                    {"cookie", "theme=dark; auditrail_session=" + SessionToken(writer)}};
    CHECK_FALSE(query::PageViewer(page, verifier));
    CHECK(client.Request("GET", "/dashboard", {},
                         {{"Cookie", "auditrail_session=" + SessionToken(analyst) + "; auditrail_session=" +
                                         SessionToken(signed_in)}})
              .status == 303);
    // A tool reads the pages with its bearer token; the header wins over the cookie.
    page.headers = {{"authorization", "Bearer " + SessionToken(analyst)}};
    REQUIRE(query::PageViewer(page, verifier));
    CHECK(query::PageViewer(page, verifier)->HasScope("health:read"));
    page.headers = {{"authorization", "Bearer forged.token.value"},
                    {"cookie", "auditrail_session=" + SessionToken(analyst)}};
    CHECK_FALSE(query::PageViewer(page, verifier));
    const auto dashboard =
        client.Request("GET", "/dashboard", {}, {{"Authorization", "Bearer " + SessionToken(signed_in)}});
    CHECK(dashboard.status == 200);
    // A bearer header wins over the cookie; the API routes themselves never take the cookie.
    const auto api =
        client.Request("GET", "/v1/event-types", {}, {{"Cookie", "auditrail_session=" + SessionToken(signed_in)}});
    CHECK(api.status == 401);

    const auto out = client.Request("POST", "/logout");
    CHECK(out.status == 303);
    CHECK(out.Header("set-cookie").find("auditrail_session=;") == 0);
    CHECK(out.Header("set-cookie").find("Max-Age=0") != std::string::npos);
}

TEST_CASE("signing out, deactivation and a role change take effect on the pages and the API at once",
          "[identity][pg]") {
    auto db = Connect();
    const auto tenant = UniqueTenant("sessions");
    const auto owner = identity::CreateUser(*db, tenant, tenant + "-owner@example.com", kPassword, "owner");
    QueryHarness query(Relaxed);
    TestClient client(query.Port());
    const auto first = Login(client, tenant + "-owner@example.com", kPassword);
    const auto second = Login(client, tenant + "-owner@example.com", kPassword);
    REQUIRE(first.status == 303);
    REQUIRE(second.status == 303);
    const Headers first_cookie = {{"Cookie", "auditrail_session=" + SessionToken(first)}};
    const Headers second_cookie = {{"Cookie", "auditrail_session=" + SessionToken(second)}};
    const auto Account = [&](const Headers& cookie) { return client.Request("GET", "/account", {}, cookie); };
    // A person's token also calls the API, as a bearer.
    const auto Api = [&](const HttpResult& session) {
        return client.Request("GET", "/v1/event-types", {}, {{"Authorization", "Bearer " + SessionToken(session)}});
    };
    REQUIRE(Account(first_cookie).status == 200);
    REQUIRE(Api(first).status == 200);

    // Signing out ends that session on the server: a copy of its cookie no longer opens a page.
    const auto out = client.Request("POST", "/logout", {}, first_cookie);
    CHECK(out.status == 303);
    CHECK(out.Header("set-cookie").find("auditrail_session=;") == 0);
    const auto after = Account(first_cookie);
    CHECK(after.status == 303);
    CHECK(after.Header("location") == "/login");
    const auto api_after = Api(first);
    CHECK(api_after.status == 401);
    CHECK(api_after.Header("www-authenticate").find("error=\"invalid_token\"") != std::string::npos);
    CHECK(JsonMember(api_after.body, "detail") == "invalid token: its session has ended");
    const std::string first_jti = VerifyToken(SessionToken(first)).claims.jti;
    REQUIRE_FALSE(first_jti.empty());
    CHECK(db->Exec("SELECT count(*) FROM ended_sessions WHERE jti_sha256 = sha256(convert_to(" +
                   db->Literal(first_jti) + ", 'UTF8'))")
              .Get(0, 0) == "1");
    // The other sign-in is a session of its own.
    const auto other = Account(second_cookie);
    CHECK(other.status == 200);
    CHECK((other.body.find("admin") != std::string::npos));
    CHECK(client.Request("GET", "/users", {}, second_cookie).status == 200);

    // A role changed since sign-in applies to the session at once.
    db->Exec("UPDATE users SET role = 'analyst' WHERE id = " + db->Literal(owner.id));
    const auto demoted = Account(second_cookie);
    CHECK(demoted.status == 200);
    CHECK((demoted.body.find("health:read") != std::string::npos));
    CHECK_FALSE((demoted.body.find("events:read") != std::string::npos));
    CHECK(client.Request("GET", "/users", {}, second_cookie).status == 403);
    CHECK(Api(second).status == 403);

    // A deactivated person is signed out everywhere.
    db->Exec("UPDATE users SET active = false WHERE id = " + db->Literal(owner.id));
    const auto deactivated = Account(second_cookie);
    CHECK(deactivated.status == 303);
    CHECK(deactivated.Header("location") == "/login");
    CHECK(Api(second).status == 401);

    // A service's token (not a person's) still reads the pages it may, with the scopes it carries.
    const Headers service = {{"Cookie", "auditrail_session=" + TestToken(tenant, "health:read")}};
    CHECK(Account(service).status == 200);

    // A person whose row is gone has no session left.
    identity::CreateUser(*db, tenant, tenant + "-gone@example.com", kPassword, "owner");
    const auto gone = Login(client, tenant + "-gone@example.com", kPassword);
    REQUIRE(gone.status == 303);
    db->Exec("DELETE FROM users WHERE email = " + db->Literal(tenant + "-gone@example.com"));
    CHECK(Account({{"Cookie", "auditrail_session=" + SessionToken(gone)}}).status == 303);
    CHECK(Api(gone).status == 401);
}

TEST_CASE("a signed-out session stays refused for any jti, past its expiry, and is ended once", "[identity][pg]") {
    auto db = Connect();
    const auto tenant = UniqueTenant("ended");
    const auto user = identity::CreateUser(*db, tenant, tenant + "@example.com", kPassword, "analyst");
    auth::Claims claims;
    claims.tenant = tenant;
    claims.sub = user.id;
    claims.scopes = {"events:write"};  // what a token says; the role decides
    claims.exp = std::time(nullptr) + 3600;
    // jtis are unique per token: these are made unique to this run.
    const std::string plain = tenant + "-plain";
    const std::string long_one = tenant + std::string(5000, 'j');
    const std::string with_nul = tenant + std::string("-nul\0byte", 9);
    const std::string cut = tenant + "-nul";  // what a C string would cut with_nul to
    const std::vector<std::string> jtis = {plain, long_one, with_nul, cut};
    for (const auto& jti : jtis) {
        claims.jti = jti;
        const auto live = query::CurrentSession(*db, claims);
        REQUIRE(live);
        CHECK(live->scopes == std::vector<std::string>{"health:read"});
    }
    claims.jti = with_nul;
    CHECK(query::EndSession(*db, claims));
    CHECK_FALSE(query::EndSession(*db, claims));  // already ended: nothing to record again
    CHECK_FALSE(query::CurrentSession(*db, claims));
    claims.jti = cut;  // another session, still live
    CHECK(query::CurrentSession(*db, claims));
    claims.jti = long_one;
    claims.exp = std::numeric_limits<std::int64_t>::max();
    CHECK(query::EndSession(*db, claims));
    CHECK_FALSE(query::CurrentSession(*db, claims));
    // Expired a minute ago (the verifier still takes it within its leeway): the sign-out outlives the expiry.
    claims.jti = plain;
    claims.exp = std::time(nullptr) - 60;
    CHECK(query::EndSession(*db, claims));
    const auth::Claims long_expired{.tenant = tenant, .sub = user.id, .scopes = {}, .exp = 1, .jti = tenant + "-old"};
    CHECK(query::EndSession(*db, long_expired));  // its row is purged at once, the one above is kept
    CHECK_FALSE(query::CurrentSession(*db, claims));
    // A UUID names a person: none of that id, or one of another tenant, has no session.
    claims.jti = tenant + "-other";
    claims.sub = "00000000-0000-4000-8000-000000000000";
    CHECK_FALSE(query::CurrentSession(*db, claims));
    claims.sub = user.id;
    claims.tenant = UniqueTenant("elsewhere");
    CHECK_FALSE(query::CurrentSession(*db, claims));
    // A service's token is not a session.
    claims.sub = "svc-billing";
    CHECK(query::CurrentSession(*db, claims));
    CHECK_FALSE(query::EndSession(*db, claims));
}

TEST_CASE("a sign-in form with bytes that are not text is a 400 page, never a 500", "[identity][pg]") {
    QueryHarness query(Relaxed);
    TestClient client(query.Port());
    for (const std::string body : {"email=%ff&password=x", "email=a%00b%40example.com&password=x",
                                   "email=a%40example.com&password=%c3"}) {
        CAPTURE(body);
        const auto page = client.Request("POST", "/login", body, kForm);
        CHECK(page.status == 400);
        CHECK(page.Header("content-type") == "text/html; charset=utf-8");
        CHECK(page.Header("set-cookie").empty());
    }
}

TEST_CASE("a wrong password and an unknown email answer identically", "[identity][pg]") {
    auto db = Connect();
    const auto tenant = UniqueTenant("loginbad");
    identity::CreateUser(*db, tenant, tenant + "@example.com", kPassword, "owner");
    QueryHarness query(Relaxed);
    TestClient client(query.Port());

    const auto started = std::chrono::steady_clock::now();
    const auto wrong = Login(client, tenant + "@example.com", "not the password");
    const auto middle = std::chrono::steady_clock::now();
    const auto unknown = Login(client, tenant + "-nobody@example.com", "not the password");
    const auto ended = std::chrono::steady_clock::now();
    CHECK(wrong.status == 401);
    CHECK(unknown.status == 401);
    CHECK(wrong.Header("set-cookie").empty());
    const auto strip = [](std::string body, const std::string& email) {
        body.erase(body.find(email), email.size());
        return body;
    };
    CHECK(strip(wrong.body, tenant + "@example.com") == strip(unknown.body, tenant + "-nobody@example.com"));
    CHECK(wrong.body.find("The email or password is not correct.") != std::string::npos);
    // Both pay for one Argon2 verification: neither is an order of magnitude faster than the other.
    const auto first = middle - started;
    const auto second = ended - middle;
    CHECK(first < second * 10);
    CHECK(second < first * 10);

    const auto escaped = Login(client, "<script>@example.com", "x");
    CHECK(escaped.body.find("<script>") == std::string::npos);
    CHECK(escaped.body.find("&lt;script&gt;") != std::string::npos);
}

TEST_CASE("an inactive user cannot sign in and is answered as a wrong password is", "[identity][pg]") {
    auto db = Connect();
    const auto tenant = UniqueTenant("inactive");
    const std::string email = tenant + "@example.com";
    identity::CreateUser(*db, tenant, email, kPassword, "admin");
    QueryHarness query(Relaxed);
    TestClient client(query.Port());
    REQUIRE(Login(client, email, kPassword).status == 303);
    const auto wrong = Login(client, email, "not the password");

    db->Exec("UPDATE users SET active = false WHERE email = $1", {email});
    const auto inactive = Login(client, email, kPassword);
    CHECK(inactive.status == 401);
    CHECK(inactive.Header("set-cookie").empty());
    CHECK(inactive.body == wrong.body);
}

TEST_CASE("failed sign-ins are limited per account, the same for unknown emails, then recover", "[identity][pg]") {
    auto db = Connect();
    const auto tenant = UniqueTenant("loginrl");
    const std::string email = tenant + "@example.com";
    identity::CreateUser(*db, tenant, email, kPassword, "analyst");
    QueryHarness query([](query::QueryConfig& config) {
        config.identity.account_failures = 2;
        config.identity.address_failures = 1000;
        config.identity.failure_window = std::chrono::milliseconds(1000);
    });
    TestClient client(query.Port());

    for (const auto& account : {email, tenant + "-nobody@example.com"}) {
        CHECK(Login(client, account, "wrong").status == 401);
        CHECK(Login(client, account, "wrong").status == 401);
        const auto limited = Login(client, account, kPassword);
        CHECK(limited.status == 429);
        CHECK(limited.Header("retry-after") == "1");
    }
    // An unknown email is counted as the lookup folds it (U+0130 İ is i), as a known one's account is: its spellings
    // share one budget, so where the budget ends does not tell whether the account exists.
    const std::string unknown = tenant + "-ghost@example.com";  // the tenant has an 'i'
    std::string dotted = unknown;
    dotted.replace(dotted.find('i'), 1, "\xC4\xB0");
    CHECK(Login(client, dotted, "wrong").status == 401);
    CHECK(Login(client, Upper(unknown), "wrong").status == 401);
    CHECK(Login(client, unknown, "wrong").status == 429);
    std::this_thread::sleep_for(std::chrono::milliseconds(1100));
    CHECK(Login(client, email, kPassword).status == 303);
}

TEST_CASE("failed sign-ins count per account however its email is spelt, and successes cost no budget",
          "[identity][pg]") {
    auto db = Connect();
    const auto tenant = UniqueTenant("signin");  // has an 'i'
    const std::string email = tenant + "@example.com";
    identity::CreateUser(*db, tenant, email, kPassword, "analyst");
    QueryHarness query([](query::QueryConfig& config) {
        config.identity.account_failures = 2;
        config.identity.address_failures = 3;
        config.identity.failure_window = std::chrono::milliseconds(60000);
    });
    TestClient client(query.Port());
    // Successful sign-ins are not failures of the address: more of them than its budget all pass.
    for (int i = 0; i < 4; ++i) CHECK(Login(client, email, kPassword).status == 303);

    // U+0130 (İ) folds to i in the lookup, so this spelling finds the same account; it used to get a budget of its
    // own, as every other spelling did.
    std::string dotted = email;
    dotted.replace(dotted.find('i'), 1, "\xC4\xB0");
    const auto found = Login(client, dotted, kPassword);
    REQUIRE(found.status == 303);  // the same account indeed
    CHECK(Login(client, dotted, "wrong").status == 401);
    CHECK(Login(client, Upper(email), "wrong").status == 401);
    CHECK(Login(client, email, kPassword).status == 429);
}

TEST_CASE("failed sign-ins are limited per source address across accounts, then recover", "[identity][pg]") {
    auto db = Connect();
    const auto tenant = UniqueTenant("loginaddr");
    const std::string email = tenant + "@example.com";
    identity::CreateUser(*db, tenant, email, kPassword, "analyst");
    QueryHarness query([](query::QueryConfig& config) {
        config.identity.account_failures = 1000;
        config.identity.address_failures = 3;
        // Room for three Argon2 verifications on a busy machine before the first failure leaves the window.
        config.identity.failure_window = std::chrono::milliseconds(1500);
    });
    TestClient client(query.Port());

    // Three different accounts, one address: each account is far from its own limit.
    for (const auto* who : {"-a@example.com", "-b@example.com", "-c@example.com"}) {
        CHECK(Login(client, tenant + who, "wrong").status == 401);
    }
    const auto limited = Login(client, email, kPassword);  // even the right password of a fourth account waits
    CHECK(limited.status == 429);
    CHECK((limited.Header("retry-after") == "1" || limited.Header("retry-after") == "2"));
    CHECK(limited.Header("set-cookie").empty());
    std::this_thread::sleep_for(std::chrono::milliseconds(1600));
    CHECK(Login(client, email, kPassword).status == 303);
}

TEST_CASE("admins list and create users of their own tenant only", "[identity][pg]") {
    auto db = Connect();
    const auto tenant_a = UniqueTenant("usersa");
    const auto tenant_b = UniqueTenant("usersb");
    identity::CreateUser(*db, tenant_b, tenant_b + "@example.com", kPassword, "owner");
    QueryHarness query(Relaxed);
    TestClient client(query.Port());
    const auto admin_a = TestToken(tenant_a, "admin health:read");  // may give the analyst role, not more
    const std::string email = tenant_a + "-new@example.com";

    const auto created =
        PostUser(client, admin_a, R"({"email":")" + email + R"(","password":")" + kPassword + R"(","role":"analyst"})");
    REQUIRE(created.status == 201);
    CHECK(JsonMember(created.body, "email") == email);
    CHECK(JsonMember(created.body, "tenant") == tenant_a);
    CHECK(JsonMember(created.body, "role") == "analyst");
    CHECK(created.body.find("argon2") == std::string::npos);
    CHECK(created.body.find("password") == std::string::npos);

    const auto listed = Get(client, admin_a, "/v1/users");
    REQUIRE(listed.status == 200);
    CHECK(listed.body.find(email) != std::string::npos);
    CHECK(listed.body.find(tenant_b) == std::string::npos);
    CHECK(listed.body.find("argon2") == std::string::npos);
    CHECK(listed.body.find("password") == std::string::npos);

    const auto listed_b = Get(client, TestToken(tenant_b, "admin"), "/v1/users");
    REQUIRE(listed_b.status == 200);
    CHECK(listed_b.body.find(tenant_b + "@example.com") != std::string::npos);
    CHECK(listed_b.body.find(email) == std::string::npos);

    // A's admin cannot place a user in B: the tenant is the token's, and a "tenant" field is refused.
    const std::string smuggled = tenant_b + "-smuggled@example.com";
    const auto into_b = PostUser(client, admin_a,
                                 R"({"email":")" + smuggled + R"(","password":")" + kPassword +
                                     R"(","role":"admin","tenant":")" + tenant_b + R"("})");
    CHECK(into_b.status == 400);
    CHECK(into_b.body.find("\"field\":\"tenant\"") != std::string::npos);
    CHECK_FALSE(identity::FindUserByEmail(*db, smuggled));
    CHECK(identity::ListUsers(*db, tenant_b).size() == 1);

    // A NUL in an address or a password is refused by name: libpq's text parameters end at it.
    const auto nul_email = PostUser(
        client, admin_a, R"({"email":"a\u0000@example.com","password":")" + kPassword + R"(","role":"analyst"})");
    CHECK(nul_email.status == 400);
    CHECK(nul_email.body.find("\"field\":\"email\"") != std::string::npos);
    const auto nul_password = PostUser(
        client, admin_a, R"({"email":"nul-)" + email + R"(","password":"a long pass\u0000word","role":"analyst"})");
    CHECK(nul_password.status == 400);
    CHECK(nul_password.body.find("\"field\":\"password\"") != std::string::npos);
    CHECK(identity::ListUsers(*db, tenant_a).size() == 1);

    const auto taken =
        PostUser(client, admin_a, R"({"email":")" + email + R"(","password":")" + kPassword + R"(","role":"analyst"})");
    CHECK(taken.status == 409);
    CHECK(JsonMember(taken.body, "code") == "conflict");
    CHECK(JsonMember(taken.body, "title") == "Conflict");

    const auto bad = PostUser(client, admin_a, R"({"email":"nope","password":"short","role":"king","extra":1})");
    CHECK(bad.status == 400);
    CHECK(JsonMember(bad.body, "code") == "validation_failed");
    for (const auto* field : {"\"email\"", "\"password\"", "\"role\"", "\"extra\""}) {
        CHECK(bad.body.find(std::string("\"field\":") + field) != std::string::npos);
    }
    const auto missing = PostUser(client, admin_a, R"({"email":")" + tenant_a + R"(-x@example.com"})");
    CHECK(missing.status == 400);
    CHECK(missing.body.find("\"field\":\"password\"") != std::string::npos);
    CHECK(PostUser(client, admin_a, "[1,2").status == 400);
    // A key sent twice is refused, not decided by the parser; the list takes no parameters.
    const auto twice = PostUser(client, admin_a,
                                R"({"email":")" + tenant_a + R"(-t1@example.com","email":")" + tenant_a +
                                    R"(-t2@example.com","password":")" + kPassword + R"(","role":"analyst"})");
    CHECK(twice.status == 400);
    CHECK(twice.body.find(R"({"field":"email","message":"appears twice"})") != std::string::npos);
    const auto unknown = Get(client, admin_a, "/v1/users?x=1");
    CHECK(unknown.status == 400);
    CHECK(JsonMember(unknown.body, "parameter") == "x");

    const auto owner_by_admin =
        PostUser(client, admin_a,
                 R"({"email":")" + tenant_a + R"(-o@example.com","password":")" + kPassword + R"(","role":"owner"})");
    CHECK(owner_by_admin.status == 403);
    const auto owner_by_owner =
        PostUser(client, TestToken(tenant_a, "events:write events:read events:export health:read admin"),
                 R"({"email":")" + tenant_a + R"(-o@example.com","password":")" + kPassword + R"(","role":"owner"})");
    CHECK(owner_by_owner.status == 201);
    // Media types are case-insensitive, with spaces allowed around the ';'.
    const auto spelled = client.Request(
        "POST", "/v1/users",
        R"({"email":")" + tenant_a + R"(-mt@example.com","password":")" + kPassword + R"(","role":"analyst"})",
        {{"Authorization", "Bearer " + admin_a}, {"Content-Type", "Application/JSON ; charset=utf-8"}});
    CHECK(spelled.status == 201);
    // A token of the admin scope alone (a service client's) cannot create a person with more than it holds: an
    // admin user would read and export events it cannot.
    const std::string sock = R"({"email":")" + tenant_a + R"(-sock@example.com","password":")" + kPassword;
    const auto admin_by_bare_admin = PostUser(client, TestToken(tenant_a, "admin"), sock + R"(","role":"admin"})");
    CHECK(admin_by_bare_admin.status == 403);
    CHECK(JsonMember(admin_by_bare_admin.body, "detail") == "role admin has scopes this token does not hold");
    const auto analyst_by_bare_admin =
        PostUser(client, TestToken(tenant_a, "admin health:read"), sock + R"(","role":"analyst"})");
    CHECK(analyst_by_bare_admin.status == 201);

    CHECK(Get(client, TestToken(tenant_a, "events:read health:read"), "/v1/users").status == 403);
    CHECK(PostUser(client, TestToken(tenant_a, "health:read"), "{}").status == 403);
    CHECK(client.Request("GET", "/v1/users").status == 401);

    // The new user signs in with the role's scopes.
    const auto signed_in = Login(client, email, kPassword);
    REQUIRE(signed_in.status == 303);
    const auto session = VerifyToken(SessionToken(signed_in));
    REQUIRE(session.status == auth::VerifyStatus::kOk);
    CHECK(session.claims.tenant == tenant_a);
    CHECK(session.claims.HasScope("health:read"));
    CHECK_FALSE(session.claims.HasScope("events:read"));
}

}  // namespace auditrail::test

namespace auditrail::test {

TEST_CASE("sign-ins, sign-outs, failed sign-ins, token grants, refused clients and new users are audit events of "
          "the tenant", "[identity][pg]") {
    auto db = Connect();
    const auto tenant = UniqueTenant("audit");
    const auto owner = identity::CreateUser(*db, tenant, tenant + "@example.com", kPassword, "owner");
    const auto made = identity::CreateClient(*db, tenant, "svc", "events:read");
    QueryHarness query(Relaxed);
    TestClient client(query.Port());
    REQUIRE(Login(client, tenant + "@example.com", "wrong password").status == 401);
    const auto signed_in = Login(client, tenant + "@example.com", kPassword);
    REQUIRE(signed_in.status == 303);
    for (int twice = 0; twice < 2; ++twice) {  // the second sign-out ends nothing, and records nothing
        REQUIRE(client.Request("POST", "/logout", {}, {{"Cookie", "auditrail_session=" + SessionToken(signed_in)}})
                    .status == 303);
    }
    REQUIRE(client
                .Request("POST", "/v1/oauth/token", "grant_type=client_credentials",
                         Basic(made.client.client_id, "wrong secret"))
                .status == 401);
    REQUIRE(client
                .Request("POST", "/v1/oauth/token", "grant_type=client_credentials",
                         Basic(made.client.client_id, made.secret))
                .status == 200);
    REQUIRE(
        PostUser(client, TestToken(tenant, "admin health:read", owner.id),
                 R"({"email":")" + tenant + R"(-b@example.com","password":")" + kPassword + R"(","role":"analyst"})")
            .status == 201);

    const auto reader = TestToken(tenant, "events:read");
    HttpResult found;
    for (int attempt = 0; attempt < 50; ++attempt) {
        found = Get(client, reader, "/v1/events?category=auditrail&order=asc");
        if (found.status == 200 && found.body.find("user.created") != std::string::npos) break;
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    REQUIRE(found.status == 200);
    const auto at = [&](const std::string& action) { return found.body.find("\"action\":\"" + action + "\""); };
    CHECK(at("auth.login_failed") != std::string::npos);
    CHECK(at("auth.login") != std::string::npos);
    CHECK(at("oauth.token_granted") != std::string::npos);
    CHECK(at("user.created") != std::string::npos);
    CHECK(found.body.find("\"ingested_by\":\"auditrail-query\"") != std::string::npos);
    CHECK(found.body.find(owner.id) != std::string::npos);
    CHECK(found.body.find(kPassword) == std::string::npos);
    CHECK(found.body.find(made.secret) == std::string::npos);

    // Each is one row of category auditrail, with its outcome and actor.
    const auto rows = db->Exec(
        "SELECT action, outcome, actor_type, actor_id FROM events WHERE tenant = $1 AND category = 'auditrail' "
        "ORDER BY occurred_at, id",
        {tenant});
    std::vector<std::string> seen;
    for (int row = 0; row < rows.Rows(); ++row) {
        seen.push_back(std::string(rows.Get(row, 0)) + "|" + std::string(rows.Get(row, 1)) + "|" +
                       std::string(rows.Get(row, 2)) + "|" + std::string(rows.Get(row, 3)));
    }
    CHECK(seen == std::vector<std::string>{"auth.login_failed|failure|user|" + owner.id,
                                           "auth.login|success|user|" + owner.id,
                                           "auth.logout|success|user|" + owner.id,
                                           "oauth.token_refused|failure|client|" + made.client.client_id,
                                           "oauth.token_granted|success|client|" + made.client.client_id,
                                           "user.created|success|user|" + owner.id});
}

}  // namespace auditrail::test
