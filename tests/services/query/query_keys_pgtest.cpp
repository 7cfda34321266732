// AUDITRAIL_JWT_KEYS in the query service: public keys beside or instead of the HS256 secret.
#include <auditrail/auth/signing_key.hpp>
#include <auditrail/auth/token_signer.hpp>
#include <auditrail/common/base64url.hpp>
#include <auditrail/identity/client_store.hpp>
#include <auditrail/identity/user_store.hpp>
#include <auditrail/http/query_string.hpp>
#include <catch2/catch.hpp>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <support/query_harness.hpp>
#include <utility>
#include <vector>

#include "libs/auth/jwt_test_support.hpp"
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

/// A PEM key file of several keys, each after its `# kid:` line.
std::string WriteKeysFile(const std::string& path_tag, const std::vector<std::pair<std::string, std::string>>& keys) {
    const auto path = std::filesystem::temp_directory_path() / ("auditrail-query-keys-" + path_tag + ".pem");
    std::ofstream file(path, std::ios::trunc);
    for (const auto& [kid, pem] : keys) file << "# kid: " << kid << "\n" << pem;
    return path.string();
}

/// Claims that verify now (the auth tests' hand-made payload, with the current time).
std::string CurrentPayload() {
    const auto now = static_cast<std::int64_t>(std::time(nullptr));
    return auth::test::Payload({{"iat", std::to_string(now - 10)}, {"exp", std::to_string(now + 3600)}});
}

void CheckInvalidToken(const HttpResult& answer) {
    CHECK(answer.status == 401);
    CHECK(answer.Header("www-authenticate") == "Bearer realm=\"auditrail\", error=\"invalid_token\"");
}

/// A client-credentials grant for `made` through the form fields.
HttpResult RequestToken(TestClient& client, const identity::NewClient& made) {
    return client.Request("POST", "/v1/oauth/token",
                          "grant_type=client_credentials&client_id=" + http::PercentEncode(made.client.client_id) +
                              "&client_secret=" + http::PercentEncode(made.secret),
                          {{"Content-Type", "application/x-www-form-urlencoded"}});
}

}  // namespace

TEST_CASE("the query service takes RS256 and ES256 tokens of two kids and refuses the old kid once it is removed",
          "[identity][pg][keys]") {
    auto rsa = auth::test::GenerateRsa();
    auto ec = auth::test::GenerateEc();
    const auto tag = UniqueTenant("rot");
    const auto tenant = UniqueTenant("rotation");
    auth::TokenRequest request;
    request.tenant = tenant;
    request.scope = "events:read";
    const auto old_token = auth::SignRs256(request, auth::test::PrivatePem(rsa.get()), "2026-01");
    const auto new_token = auth::SignEs256(request, auth::test::PrivatePem(ec.get()), "2026-02");
    const auto keys_only = [](const std::string& file) {
        return [file](query::QueryConfig& config) {
            config.jwt.hs256_secret.clear();
            config.jwt.keys_file = file;
        };
    };

    const auto both = WriteKeysFile(tag, {{"2026-01", auth::test::PublicPem(rsa.get())},
                                          {"2026-02", auth::test::PublicPem(ec.get())}});
    {
        QueryHarness query(keys_only(both));
        TestClient client(query.Port());
        CHECK(Get(client, old_token, "/v1/event-types").status == 200);
        CHECK(Get(client, new_token, "/v1/event-types").status == 200);
        // The kid selects the key: the RSA-signed token under the EC key's kid is refused.
        CheckInvalidToken(Get(client, auth::SignRs256(request, auth::test::PrivatePem(rsa.get()), "2026-02"),
                              "/v1/event-types"));
    }
    const auto rotated = WriteKeysFile(tag, {{"2026-02", auth::test::PublicPem(ec.get())}});
    {
        QueryHarness query(keys_only(rotated));
        TestClient client(query.Port());
        CheckInvalidToken(Get(client, old_token, "/v1/event-types"));
        CHECK(Get(client, new_token, "/v1/event-types").status == 200);
    }
    std::filesystem::remove(rotated);
}

TEST_CASE("attack: the query service refuses alg none, the RSA public key as HS256 secret and an unknown kid",
          "[identity][pg][keys][attack]") {
    auto rsa = auth::test::GenerateRsa();
    const std::string pem = auth::test::PublicPem(rsa.get());
    const auto file = WriteKeysFile(UniqueTenant("atk"), {{"rsa-1", pem}});
    const auto payload = CurrentPayload();
    const auto none = auth::test::B64Url(R"({"alg":"none","typ":"JWT"})") + "." + auth::test::B64Url(payload) + ".";
    const auto none_kid = auth::test::B64Url(R"({"alg":"none","kid":"rsa-1"})") + "." + auth::test::B64Url(payload) + ".";
    const auto hs_pem_kid = auth::test::MakeToken(auth::test::Header("HS256", "rsa-1"), payload, pem);
    const auto hs_pem = auth::test::MakeToken(auth::test::Header("HS256"), payload, pem);
    const auto missing_kid = auth::test::SignedToken(rsa.get(), auth::test::Header("RS256", "rsa-0"), payload);
    const auto genuine = auth::test::SignedToken(rsa.get(), auth::test::Header("RS256", "rsa-1"), payload);

    for (const bool with_secret : {true, false}) {
        INFO((with_secret ? "HS256 secret and key file" : "key file only"));
        QueryHarness query([&](query::QueryConfig& config) {
            if (!with_secret) config.jwt.hs256_secret.clear();
            config.jwt.keys_file = file;
        });
        TestClient client(query.Port());
        REQUIRE(Get(client, genuine, "/v1/event-types").status == 200);  // the control: the payload is good
        for (const auto& attack : {none, none_kid, hs_pem_kid, hs_pem, missing_kid}) {
            CheckInvalidToken(Get(client, attack, "/v1/event-types"));
        }
    }
    std::filesystem::remove(file);
}

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
        const auto granted = RequestToken(client, made);
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
    SECTION("an ES256 signing key signs the token endpoint's tokens with its kid") {
        const auto ec_file = WriteKeyFile(auth::test::PublicPem(other.get()), "ec-2026");
        QueryHarness query([&](query::QueryConfig& config) {
            config.jwt.hs256_secret.clear();
            config.jwt.keys_file = ec_file;
            config.identity.signing_key =
                auth::SigningKey::FromPrivateKeyPem(auth::test::PrivatePem(other.get()), "ec-2026");
        });
        TestClient client(query.Port());
        const auto granted = RequestToken(client, made);
        REQUIRE(granted.status == 200);
        const auto token = JsonMember(granted.body, "access_token");
        CHECK(HeaderOf(token).find("\"alg\":\"ES256\"") != std::string::npos);
        CHECK(HeaderOf(token).find("\"kid\":\"ec-2026\"") != std::string::npos);
        CHECK(Get(client, token, "/v1/event-types").status == 200);
        std::filesystem::remove(ec_file);
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
