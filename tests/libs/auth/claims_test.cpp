#include <auditrail/auth/claims.hpp>
#include <auditrail/auth/jwt_verifier.hpp>
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "libs/auth/jwt_test_support.hpp"

namespace auditrail::auth {
namespace {

TEST_CASE("tenant ids are 1 to 63 of [a-z0-9_-] starting with a letter or digit", "[auth][claims]") {
    for (const std::string& tenant : {std::string("acme"), std::string("a"), std::string("0day"), std::string("a_b-c"),
                                      std::string("9"), std::string("x-"), std::string(63, 'z')}) {
        INFO(tenant);
        CHECK(IsValidTenant(tenant));
    }
    for (const std::string& tenant : {std::string(""), std::string("Bad"), std::string("-x"), std::string("_x"),
                                      std::string(64, 'a'), std::string("a.b"), std::string("a b"),
                                      std::string("caf\xc3\xa9"), std::string("a\0b", 3), std::string("acme/")}) {
        INFO(tenant);
        CHECK_FALSE(IsValidTenant(tenant));
    }
}

TEST_CASE("no scope implies another", "[auth][claims]") {
    Claims claims;
    claims.scopes = {"events:write", "admin"};
    CHECK(claims.HasScope("events:write"));
    CHECK(claims.HasScope("admin"));
    for (const char* other : {"events:read", "events:export", "health:read", "events", "events:", "", "ADMIN",
                              "events:write events:read"}) {
        INFO(other);
        CHECK_FALSE(claims.HasScope(other));
    }
    Claims exporter;
    exporter.scopes = {"events:export"};
    CHECK(exporter.HasScope("events:export"));
    CHECK_FALSE(exporter.HasScope("events:read"));
}

TEST_CASE("the scope claim is split on runs of spaces", "[auth][claims]") {
    const JwtVerifier verifier(test::DefaultSettings());
    struct Case {
        const char* scope;
        std::vector<std::string> scopes;
    };
    const std::vector<Case> cases = {
        {R"("events:write")", {"events:write"}},
        {R"("events:write events:read")", {"events:write", "events:read"}},
        {R"("  events:read    health:read  admin ")", {"events:read", "health:read", "admin"}},
        {R"("")", {}},
        {R"("   ")", {}},
    };
    for (const Case& c : cases) {
        INFO(c.scope);
        const VerifyResult result = verifier.Verify(test::Bearer(test::GoodToken({{"scope", c.scope}})), test::kNow);
        REQUIRE(result.status == VerifyStatus::kOk);
        CHECK(result.claims.scopes == c.scopes);
    }
}

TEST_CASE("a token without scope or sub has no scopes and an empty sub", "[auth][claims]") {
    const JwtVerifier verifier(test::DefaultSettings());
    const VerifyResult result =
        verifier.Verify(test::Bearer(test::GoodToken({{"scope", ""}, {"sub", ""}})), test::kNow);
    REQUIRE(result.status == VerifyStatus::kOk);
    CHECK(result.claims.scopes.empty());
    CHECK(result.claims.sub.empty());
    CHECK_FALSE(result.claims.HasScope("events:read"));
}

}  // namespace
}  // namespace auditrail::auth
