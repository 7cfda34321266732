#include <auditrail/identity/password_hash.hpp>
#include <auditrail/identity/roles.hpp>

#include <catch2/catch.hpp>

namespace auditrail::identity {

TEST_CASE("a secret hashes to an Argon2id PHC string that verifies only the same secret", "[identity]") {
    const std::string hash = HashSecret("correct horse battery staple");
    CHECK(hash.rfind("$argon2id$v=19$m=19456,t=2,p=1$", 0) == 0);
    CHECK(hash.find("correct horse") == std::string::npos);
    CHECK(VerifySecret(hash, "correct horse battery staple"));
    CHECK_FALSE(VerifySecret(hash, "correct horse battery stapl"));
    CHECK_FALSE(VerifySecret("not a hash", "correct horse battery staple"));
    // A fresh salt each time.
    CHECK(HashSecret("same") != HashSecret("same"));
}

TEST_CASE("random tokens are base64url of the asked length", "[identity]") {
    const auto token = RandomToken(32);
    CHECK(token.size() == 43);
    CHECK(token.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_") == std::string::npos);
    CHECK(RandomToken(32) != token);
}

TEST_CASE("roles map to the scopes of API.md", "[identity]") {
    CHECK(ScopesForRole("owner") == std::string(kAllScopes));
    CHECK(ScopesForRole("admin") == "events:read events:export health:read admin");
    CHECK(ScopesForRole("analyst") == "health:read");
    CHECK(ScopesForRole("content_creator") == "");
    CHECK_FALSE(ScopesForRole("root"));
}

TEST_CASE("scope lists are checked and narrowed", "[identity]") {
    CHECK(ScopesWithin("events:read", "events:read events:write"));
    CHECK(ScopesWithin("events:write  events:read", "events:read events:write"));
    CHECK_FALSE(ScopesWithin("admin", "events:read events:write"));
    CHECK(IsKnownScopeList("events:write health:read"));
    CHECK_FALSE(IsKnownScopeList("events:write events:write"));
    CHECK_FALSE(IsKnownScopeList("events:delete"));
    CHECK_FALSE(IsKnownScopeList(""));
}

TEST_CASE("a scope list is normalised to single spaces in its own order", "[identity]") {
    CHECK(NormalizeScopes("  events:read   events:write ") == "events:read events:write");
    CHECK(NormalizeScopes("admin") == "admin");
    CHECK(NormalizeScopes("   ") == "");
}

}  // namespace auditrail::identity
