#include <support/pg_fixture.hpp>

#include <auditrail/auth/jwt_verifier.hpp>
#include <auditrail/identity/client_store.hpp>
#include <auditrail/identity/grant.hpp>
#include <auditrail/identity/user_store.hpp>

#include <catch2/catch.hpp>

#include <ctime>

namespace auditrail::test {
namespace {

identity::GrantSettings Settings() {
    identity::GrantSettings settings;
    settings.signing_key = auth::SigningKey::Hs256(kTestSecret);
    return settings;
}

}  // namespace

TEST_CASE("a client's credentials grant a token for its tenant and allowed scopes", "[identity][pg]") {
    auto db = Connect();
    const auto tenant = UniqueTenant("grant");
    const auto made = identity::CreateClient(*db, tenant, "billing", "events:write events:read");
    CHECK(made.client.client_id.rfind("cl_", 0) == 0);

    const auto stored = identity::FindClient(*db, made.client.client_id);
    REQUIRE(stored);
    CHECK(stored->secret_hash.rfind("$argon2id$", 0) == 0);
    CHECK(stored->secret_hash.find(made.secret) == std::string::npos);

    const auto all = identity::GrantClientCredentials(*db, made.client.client_id, made.secret, std::nullopt, Settings());
    REQUIRE(all.status == 200);
    CHECK(all.scope == "events:write events:read");
    auth::JwtVerifier verifier(auth::JwtSettings{kTestSecret});
    const auto verified = verifier.Verify("Bearer " + all.access_token, std::time(nullptr));
    REQUIRE(verified.status == auth::VerifyStatus::kOk);
    CHECK(verified.claims.tenant == tenant);
    CHECK(verified.claims.sub == made.client.client_id);
    CHECK(verified.claims.HasScope("events:write"));
    CHECK(identity::GrantJson(all).find("\"token_type\":\"Bearer\",\"expires_in\":3600") != std::string::npos);

    SECTION("a narrower scope is granted as asked") {
        const auto narrow = identity::GrantClientCredentials(*db, made.client.client_id, made.secret,
                                                             std::string("events:read"), Settings());
        REQUIRE(narrow.status == 200);
        CHECK(narrow.scope == "events:read");
    }
    SECTION("a scope with extra spaces is granted, and answered, with single spaces") {
        const auto spaced = identity::GrantClientCredentials(*db, made.client.client_id, made.secret,
                                                             std::string("  events:read   events:write "), Settings());
        REQUIRE(spaced.status == 200);
        CHECK(spaced.scope == "events:read events:write");
        CHECK(identity::GrantJson(spaced).find(R"("scope":"events:read events:write"})") != std::string::npos);
    }
    SECTION("a wider scope is invalid_scope") {
        const auto wide = identity::GrantClientCredentials(*db, made.client.client_id, made.secret,
                                                           std::string("events:read admin"), Settings());
        CHECK(wide.status == 400);
        CHECK(wide.error == "invalid_scope");
        CHECK(wide.access_token.empty());
    }
    SECTION("a wrong secret, an unknown client and a disabled client are all invalid_client alike") {
        const auto wrong = identity::GrantClientCredentials(*db, made.client.client_id, made.secret + "x", std::nullopt,
                                                            Settings());
        const auto unknown = identity::GrantClientCredentials(*db, "cl_nobody", made.secret, std::nullopt, Settings());
        REQUIRE(identity::DisableClient(*db, made.client.client_id));
        const auto disabled =
            identity::GrantClientCredentials(*db, made.client.client_id, made.secret, std::nullopt, Settings());
        // The tenant is known for the audit log, never shown in the answer.
        CHECK(wrong.tenant == tenant);
        CHECK_FALSE(wrong.disabled);
        CHECK(unknown.tenant.empty());
        CHECK(disabled.tenant == tenant);
        CHECK(disabled.disabled);
        for (const auto& refused : {wrong, unknown, disabled}) {
            CHECK(refused.status == 401);
            CHECK(refused.error == "invalid_client");
            CHECK(identity::GrantJson(refused) ==
                  R"({"error":"invalid_client","error_description":"client authentication failed"})");
        }
    }
}

TEST_CASE("clients are listed per tenant and bad clients are refused", "[identity][pg]") {
    auto db = Connect();
    const auto tenant = UniqueTenant("clients");
    identity::CreateClient(*db, tenant, "one", "events:write");
    identity::CreateClient(*db, tenant, "two", "events:read");
    identity::CreateClient(*db, UniqueTenant("clients-other"), "three", "events:read");
    const auto listed = identity::ListClients(*db, tenant);
    REQUIRE(listed.size() == 2);
    CHECK(listed[0].name == "one");
    CHECK(listed[0].secret_hash.empty());
    // Scopes are stored in normal form, whatever spacing the operator typed.
    const auto spaced = identity::CreateClient(*db, tenant, "spaced", " events:read  events:write ");
    CHECK(spaced.client.scopes == "events:read events:write");
    CHECK(identity::FindClient(*db, spaced.client.client_id)->scopes == "events:read events:write");
    CHECK_THROWS_AS(identity::CreateClient(*db, "Bad Tenant", "x", "events:read"), std::invalid_argument);
    CHECK_THROWS_AS(identity::CreateClient(*db, tenant, "x", "events:delete"), std::invalid_argument);
    CHECK_THROWS_AS(identity::CreateClient(*db, tenant, "two\nlines", "events:read"), std::invalid_argument);
}

TEST_CASE("users belong to one tenant, have unique emails and hashed passwords", "[identity][pg]") {
    auto db = Connect();
    const auto tenant = UniqueTenant("users");
    const auto email = tenant + "@example.com";
    const auto made = identity::CreateUser(*db, tenant, email, "a long enough password", "admin");
    CHECK(made.role == "admin");
    CHECK_THROWS_AS(identity::CreateUser(*db, UniqueTenant("users-b"), email, "a long enough password", "owner"),
                    identity::EmailTaken);
    CHECK_THROWS_AS(identity::CreateUser(*db, tenant, "not-an-email", "a long enough password", "owner"),
                    std::invalid_argument);
    CHECK_THROWS_AS(identity::CreateUser(*db, tenant, "x" + email, "short", "owner"), std::invalid_argument);
    CHECK_THROWS_AS(identity::CreateUser(*db, tenant, "y" + email, "a long enough password", "root"),
                    std::invalid_argument);
    const auto found = identity::FindUserByEmail(*db, "  "+ email);
    CHECK_FALSE(found);
    const auto by_email = identity::FindUserByEmail(*db, tenant + "@EXAMPLE.com");
    REQUIRE(by_email);
    CHECK(by_email->password_hash.rfind("$argon2id$", 0) == 0);
    const auto listed = identity::ListUsers(*db, tenant);
    REQUIRE(listed.size() == 1);
    CHECK(listed[0].email == email);
    CHECK(identity::ListUsers(*db, UniqueTenant("users-none")).empty());
}

}  // namespace auditrail::test
