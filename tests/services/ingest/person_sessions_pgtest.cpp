// People's tokens on the ingest service: its view of users and signed-out sessions, and POST /v1/events with it.
#include <support/ingest_harness.hpp>

#include <auditrail/auth/jwt_verifier.hpp>
#include <auditrail/http/problem.hpp>
#include <auditrail/identity/user_store.hpp>
#include <src/person_sessions.hpp>

#include <catch2/catch.hpp>

#include <chrono>
#include <ctime>
#include <thread>

namespace auditrail::test {
namespace {

const std::string kPassword = "correct horse battery";

void EndSessionByHand(pg::Connection& db, const std::string& jti) {
    db.Exec("INSERT INTO ended_sessions VALUES (sha256(convert_to($1, 'UTF8')), now() + interval '1 hour')", {jti});
}

/// Waits for a reload of `sessions` (every 50 ms here) to have run.
void AfterReload() { std::this_thread::sleep_for(std::chrono::milliseconds(300)); }

}  // namespace

TEST_CASE("the ingest service's view of people's sessions follows sign-outs, deactivations and roles",
          "[ingest][pg][sessions]") {
    auto db = Connect();
    const auto tenant = UniqueTenant("isess");
    const auto user = identity::CreateUser(*db, tenant, tenant + "@example.com", kPassword, "owner");
    ingest::PersonSessions sessions(DatabaseUrl(), std::chrono::milliseconds(50));
    sessions.Start();

    const auto now = static_cast<std::int64_t>(std::time(nullptr));
    auth::Claims claims{.tenant = tenant, .sub = user.id, .scopes = {"health:read"}, .exp = now + 3600,
                        .jti = tenant + "-a", .iat = now - 5};
    auto seen = sessions.Check(claims);
    REQUIRE(seen);
    CHECK(seen->HasScope("events:write"));  // the role's scopes, not the token's
    auto capitals = claims;
    for (char& c : capitals.sub) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    CHECK(sessions.Check(capitals));

    // A service's token is taken as it is.
    const auth::Claims service{
        .tenant = tenant, .sub = "svc-billing", .scopes = {"events:write"}, .exp = now + 60, .jti = "", .iat = now};
    REQUIRE(sessions.Check(service));
    CHECK(sessions.Check(service)->scopes == std::vector<std::string>{"events:write"});

    // Another tenant's claim to this person: no session.
    auto elsewhere = claims;
    elsewhere.tenant = UniqueTenant("isess-other");
    CHECK_FALSE(sessions.Check(elsewhere));

    // A person not known: perhaps just created (issued after the users were read): 503, retry. Issued seconds
    // before they were read, or without iat: gone, refused.
    AfterReload();
    auto unknown = claims;
    unknown.sub = "00000000-0000-4000-8000-000000000000";
    unknown.iat = static_cast<std::int64_t>(std::time(nullptr)) + 1;
    CHECK_THROWS_AS(sessions.Check(unknown), http::HttpError);
    unknown.iat = static_cast<std::int64_t>(std::time(nullptr)) - 10;
    CHECK_FALSE(sessions.Check(unknown));
    unknown.iat = 0;
    CHECK_FALSE(sessions.Check(unknown));

    // Signed out (by the query service), then a role change, then deactivation: each within a reload.
    EndSessionByHand(*db, claims.jti);
    AfterReload();
    CHECK_FALSE(sessions.Check(claims));
    auto other_session = claims;
    other_session.jti = tenant + "-b";
    db->Exec("UPDATE users SET role = 'analyst' WHERE id = $1::uuid", {user.id});
    AfterReload();
    seen = sessions.Check(other_session);
    REQUIRE(seen);
    CHECK(seen->scopes == std::vector<std::string>{"health:read"});
    db->Exec("UPDATE users SET active = false WHERE id = $1::uuid", {user.id});
    AfterReload();
    CHECK_FALSE(sessions.Check(other_session));
    sessions.Stop();
}

TEST_CASE("POST /v1/events refuses a person's token once its session is signed out", "[ingest][pg][sessions]") {
    auto db = Connect();
    const auto tenant = UniqueTenant("isessapi");
    const auto user = identity::CreateUser(*db, tenant, tenant + "@example.com", kPassword, "owner");
    IngestHarness harness;
    harness.WaitReady();
    TestClient client(harness.Port());
    const auto token = TestToken(tenant, "events:write", user.id);
    // Created before the service started, so known from its first view.
    REQUIRE(PostEvents(client, token, R"({"action":"before.logout"})").status == 201);

    const auth::JwtVerifier verifier(auth::JwtSettings{kTestSecret});
    const auto jti = verifier.Verify("Bearer " + token, std::time(nullptr)).claims.jti;
    REQUIRE_FALSE(jti.empty());
    EndSessionByHand(*db, jti);
    HttpResult refused;
    for (int attempt = 0; attempt < 50; ++attempt) {  // the service reloads every 2 s
        refused = PostEvents(client, token, R"({"action":"after.logout"})");
        if (refused.status != 201) break;
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    CHECK(refused.status == 401);
    CHECK(JsonMember(refused.body, "detail") == "invalid token: its session has ended");
    // A service's token is not affected.
    CHECK(PostEvents(client, TestToken(tenant, "events:write"), R"({"action":"service"})").status == 201);
}

}  // namespace auditrail::test
