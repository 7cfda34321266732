#include <auditrail/auth/jwt_verifier.hpp>
#include <auditrail/auth/token_signer.hpp>
#include <catch2/catch.hpp>
#include <chrono>
#include <stdexcept>
#include <string>

#include "libs/auth/jwt_test_support.hpp"

namespace auditrail::auth {
namespace {

using test::kNow;
using test::kSecret;

TokenRequest Request() {
    TokenRequest request;
    request.tenant = "acme";
    request.scope = "events:write health:read";
    request.sub = "svc-checkout";
    request.now_s = kNow;
    return request;
}

std::string Part(const std::string& token, int index) {
    std::size_t start = 0;
    for (int i = 0; i < index; ++i) start = token.find('.', start) + 1;
    return test::B64UrlDecode(token.substr(start, token.find('.', start) - start));
}

TEST_CASE("a token from SignHs256 is accepted by the verifier with the requested claims", "[auth][signer]") {
    const JwtVerifier verifier(test::DefaultSettings());
    const std::string token = SignHs256(Request(), kSecret);
    const VerifyResult result = verifier.Verify(test::Bearer(token), kNow);
    REQUIRE(result.status == VerifyStatus::kOk);
    CHECK(result.claims.tenant == "acme");
    CHECK(result.claims.sub == "svc-checkout");
    CHECK(result.claims.scopes == std::vector<std::string>{"events:write", "health:read"});
    CHECK(result.claims.exp == kNow + 3600);
    CHECK(verifier.Verify(test::Bearer(token), kNow + 3600 + 61).reason == "token expired");
}

TEST_CASE("SignHs256 writes an HS256 header and iss, aud, iat, exp and a jti", "[auth][signer]") {
    TokenRequest request = Request();
    request.ttl_s = 600;
    const std::string token = SignHs256(request, kSecret);
    CHECK(Part(token, 0) == R"({"alg":"HS256","typ":"JWT"})");
    const std::string payload = Part(token, 1);
    CHECK(payload.find(R"("iss":"auditrail")") != std::string::npos);
    CHECK(payload.find(R"("aud":"auditrail")") != std::string::npos);
    CHECK(payload.find("\"iat\":" + std::to_string(kNow)) != std::string::npos);
    CHECK(payload.find("\"exp\":" + std::to_string(kNow + 600)) != std::string::npos);
    const std::size_t jti = payload.find(R"("jti":")");
    REQUIRE(jti != std::string::npos);
    CHECK(payload.find('"', jti + 7) - (jti + 7) == 22);  // 16 random bytes in base64url

    // The signature is HMAC-SHA256 of the first two parts, computed independently.
    const std::size_t last_dot = token.rfind('.');
    CHECK(token.substr(last_dot + 1) == test::B64Url(test::HmacSha256(kSecret, token.substr(0, last_dot))));
}

TEST_CASE("two tokens signed for the same request differ by their jti", "[auth][signer]") {
    CHECK(SignHs256(Request(), kSecret) != SignHs256(Request(), kSecret));
}

TEST_CASE("SignHs256 escapes strings so that they round-trip", "[auth][signer]") {
    const JwtVerifier verifier(test::DefaultSettings());
    TokenRequest request = Request();
    request.sub = "he said \"hi\\there\"\n\t\x01 caf\xc3\xa9";
    const VerifyResult result = verifier.Verify(test::Bearer(SignHs256(request, kSecret)), kNow);
    REQUIRE(result.status == VerifyStatus::kOk);
    CHECK(result.claims.sub == request.sub);
}

TEST_CASE("SignHs256 honours issuer, audience and a negative ttl", "[auth][signer]") {
    JwtSettings settings = test::DefaultSettings();
    settings.issuer = "https://idp.example";
    settings.audience = "audit-api";
    const JwtVerifier verifier(settings);
    TokenRequest request = Request();
    request.issuer = settings.issuer;
    request.audience = settings.audience;
    CHECK(verifier.Verify(test::Bearer(SignHs256(request, kSecret)), kNow).status == VerifyStatus::kOk);
    request.ttl_s = -120;
    CHECK(verifier.Verify(test::Bearer(SignHs256(request, kSecret)), kNow).reason == "token expired");
    CHECK(verifier.Verify(test::Bearer(SignHs256(Request(), "other")), kNow).reason == "bad signature");
}

TEST_CASE("SignHs256 with now_s 0 stamps the current time", "[auth][signer]") {
    const JwtVerifier verifier(test::DefaultSettings());
    TokenRequest request = Request();
    request.now_s = 0;
    const std::int64_t now =
        std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
    const VerifyResult result = verifier.Verify(test::Bearer(SignHs256(request, kSecret)), now);
    REQUIRE(result.status == VerifyStatus::kOk);
    CHECK(result.claims.exp >= now + 3600 - 5);
    CHECK(result.claims.exp <= now + 3600 + 5);
}

TEST_CASE("SignHs256 refuses an empty secret", "[auth][signer]") {
    CHECK_THROWS_AS(SignHs256(Request(), ""), std::invalid_argument);
}

}  // namespace
}  // namespace auditrail::auth
