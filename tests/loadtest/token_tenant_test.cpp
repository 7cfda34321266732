// auditrail-load --token: the run names and verifies the tenant the token writes to.
#include <auditrail/auth/token_signer.hpp>
#include <catch2/catch.hpp>
#include <loadtest/src/token_tenant.hpp>

namespace auditrail::load {

TEST_CASE("the tenant of a token given to auditrail-load is its tenant claim", "[loadtest]") {
    const std::string token = auth::SignHs256({.tenant = "acme-eu", .scope = "events:write", .sub = "ci",
                                               .issuer = "auditrail", .audience = "auditrail", .ttl_s = 60},
                                              "a-secret-long-enough-for-hs256-0123456789");
    CHECK(TokenTenant(token) == "acme-eu");
    CHECK_FALSE(TokenTenant("not-a-token").has_value());
    CHECK_FALSE(TokenTenant("a.!!!.c").has_value());
    CHECK_FALSE(TokenTenant("eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.sig").has_value());  // {"sub":"x"}: no tenant
}

}  // namespace auditrail::load
