// AUDITRAIL_JWT_KEYS in the query service: public keys beside or instead of the HS256 secret.
#include <auditrail/auth/token_signer.hpp>
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <support/query_harness.hpp>

#include "libs/auth/key_test_support.hpp"

namespace auditrail::test {
namespace {

std::string WriteKeyFile(const std::string& pem) {
    const auto path = std::filesystem::temp_directory_path() / ("auditrail-query-keys-" + UniqueTenant("k") + ".pem");
    std::ofstream(path) << "# kid: query-es256\n" << pem;
    return path.string();
}

std::string Es256Token(EVP_PKEY* key, const std::string& tenant, const std::string& scope) {
    auth::TokenRequest request;
    request.tenant = tenant;
    request.scope = scope;
    return auth::SignEs256(request, auth::test::PrivatePem(key), "query-es256");
}

}  // namespace

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
