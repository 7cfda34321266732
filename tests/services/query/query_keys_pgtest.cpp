// AUDITRAIL_JWT_KEYS in the query service: public keys beside or instead of the HS256 secret.
#include <auditrail/auth/signing_key.hpp>
#include <auditrail/auth/token_signer.hpp>
#include <auditrail/common/base64url.hpp>
#include <auditrail/identity/client_store.hpp>
#include <auditrail/identity/user_store.hpp>
#include <auditrail/http/query_string.hpp>
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <support/query_harness.hpp>

#include "libs/auth/key_test_support.hpp"

namespace auditrail::test {
namespace {

std::string WriteKeyFile(const std::string& pem, const std::string& kid = "query-es256") {
    const auto path = std::filesystem::temp_directory_path() / ("auditrail-query-keys-" + UniqueTenant("k") + ".pem");
    std::ofstream(path) << "# kid: " << kid << "\n" << pem;
    return path.string();
}

std::string Es256Token(EVP_PKEY* key, const std::string& tenant, const std::string& scope) {
    auth::TokenRequest request;
    request.tenant = tenant;
    request.scope = scope;
    return auth::SignEs256(request, auth::test::PrivatePem(key), "query-es256");
}

/// The decoded JOSE header of a token.
std::string HeaderOf(const std::string& token) {
    std::string header;
    REQUIRE(common::Base64UrlDecode(token.substr(0, token.find('.')), header));
    return header;
}

}  // namespace

TEST_CASE("with a private signing key, the token endpoint and sign-in sign with it and its kid", "[identity][pg]") {
    auto key = auth::test::GenerateRsa();
    auto other = auth::test::GenerateEc();
    const auto keys_file = WriteKeyFile(auth::test::PublicPem(key.get()), "rotation-2026");
    const auto tenant = UniqueTenant("signkey");
    auto db = Connect();
    const auto made = identity::CreateClient(*db, tenant, "svc", "events:read");

    SECTION("tokens and session cookies are RS256 with the kid, and the service accepts them") {
        QueryHarness query([&](query::QueryConfig& config) {
            config.jwt.hs256_secret.clear();
            config.jwt.keys_file = keys_file;
            config.identity.signing_key =
                auth::SigningKey::FromPrivateKeyPem(auth::test::PrivatePem(key.get()), "rotation-2026");
        });
        TestClient client(query.Port());
        const auto granted = client.Request(
            "POST", "/v1/oauth/token",
            "grant_type=client_credentials&client_id=" + http::PercentEncode(made.client.client_id) +
                "&client_secret=" + http::PercentEncode(made.secret),
            {{"Content-Type", "application/x-www-form-urlencoded"}});
        REQUIRE(granted.status == 200);
        const auto token = JsonMember(granted.body, "access_token");
        CHECK(HeaderOf(token).find("\"alg\":\"RS256\"") != std::string::npos);
        CHECK(HeaderOf(token).find("\"kid\":\"rotation-2026\"") != std::string::npos);
        CHECK(Get(client, token, "/v1/event-types").status == 200);

        const std::string email = tenant + "@example.com";
        identity::CreateUser(*db, tenant, email, "correct horse battery", "owner");
        const auto signed_in =
            client.Request("POST", "/login", "email=" + http::PercentEncode(email) + "&password=correct+horse+battery",
                           {{"Content-Type", "application/x-www-form-urlencoded"}});
        REQUIRE(signed_in.status == 303);
        const auto cookie = signed_in.Header("set-cookie");
        const auto value = cookie.substr(cookie.find('=') + 1, cookie.find(';') - cookie.find('=') - 1);
        CHECK(HeaderOf(value).find("\"alg\":\"RS256\"") != std::string::npos);
    }
    SECTION("a signing key whose public half is not among the verifying keys stops the start") {
        CHECK_THROWS_WITH(QueryHarness([&](query::QueryConfig& config) {
                              config.jwt.keys_file = keys_file;
                              config.identity.signing_key =
                                  auth::SigningKey::FromPrivateKeyPem(auth::test::PrivatePem(other.get()), "stray");
                          }),
                          Catch::Contains("do not verify"));
    }
    std::filesystem::remove(keys_file);
}

TEST_CASE("the query service takes ES256 tokens of the key file, with or without an HS256 secret", "[identity][pg]") {
    auto key = auth::test::GenerateEc();
    const auto keys_file = WriteKeyFile(auth::test::PublicPem(key.get()));
    const auto tenant = UniqueTenant("keys");
    const auto es256 = Es256Token(key.get(), tenant, "events:read");

    SECTION("keys only: HS256 tokens are refused and nothing can be signed") {
        QueryHarness query([&](query::QueryConfig& config) {
            config.jwt.hs256_secret.clear();
            config.jwt.keys_file = keys_file;
        });
        TestClient client(query.Port());
        CHECK(Get(client, es256, "/v1/event-types").status == 200);
        CHECK(Get(client, TestToken(tenant, "events:read"), "/v1/event-types").status == 401);
        const auto token =
            client.Request("POST", "/v1/oauth/token", "grant_type=client_credentials&client_id=a&client_secret=b",
                           {{"Content-Type", "application/x-www-form-urlencoded"}});
        CHECK(token.status == 503);
        CHECK(JsonMember(token.body, "error") == "temporarily_unavailable");
    }
    SECTION("both: either kind of token is accepted") {
        QueryHarness query([&](query::QueryConfig& config) { config.jwt.keys_file = keys_file; });
        TestClient client(query.Port());
        CHECK(Get(client, es256, "/v1/event-types").status == 200);
        CHECK(Get(client, TestToken(tenant, "events:read"), "/v1/event-types").status == 200);
    }
    std::filesystem::remove(keys_file);
}

}  // namespace auditrail::test
