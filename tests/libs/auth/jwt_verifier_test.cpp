#include <atomic>
#include <auditrail/auth/jwt_verifier.hpp>
#include <catch2/catch.hpp>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "libs/auth/jwt_test_support.hpp"

namespace auditrail::auth {
namespace {

using test::Bearer;
using test::GoodToken;
using test::kHs256Header;
using test::kNow;
using test::kSecret;
using test::MakeToken;
using test::Payload;

struct Refusal {
    std::string what;
    std::string token;
    std::string reason;
};

void CheckRefused(const JwtVerifier& verifier, const Refusal& refusal) {
    INFO(refusal.what);
    const VerifyResult result = verifier.Verify(Bearer(refusal.token), kNow);
    CHECK(result.status == VerifyStatus::kInvalid);
    CHECK(result.reason == refusal.reason);
    CHECK(result.claims.tenant.empty());
}

TEST_CASE("a well-signed token is accepted and its claims are returned", "[auth][jwt]") {
    const JwtVerifier verifier(test::DefaultSettings());
    const VerifyResult result = verifier.Verify(Bearer(GoodToken()), kNow);
    REQUIRE(result.status == VerifyStatus::kOk);
    CHECK(result.reason.empty());
    CHECK(result.claims.tenant == "acme");
    CHECK(result.claims.sub == "svc-billing");
    CHECK(result.claims.scopes == std::vector<std::string>{"events:write", "events:read"});
    CHECK(result.claims.exp == kNow + 3600);
    CHECK(result.claims.jti == "7f3c2a");
    CHECK(result.claims.iat == kNow - 10);
}

TEST_CASE("a token expired beyond the leeway is refused and one within the leeway accepted", "[auth][jwt]") {
    const JwtVerifier verifier(test::DefaultSettings());  // leeway 60 s
    const std::string token = GoodToken({{"exp", std::to_string(kNow - 60)}});
    CHECK(verifier.Verify(Bearer(token), kNow).status == VerifyStatus::kOk);

    const VerifyResult late = verifier.Verify(Bearer(GoodToken({{"exp", std::to_string(kNow - 61)}})), kNow);
    CHECK(late.status == VerifyStatus::kInvalid);
    CHECK(late.reason == "token expired");

    JwtSettings strict = test::DefaultSettings();
    strict.leeway_s = 0;
    const JwtVerifier strict_verifier(strict);
    CHECK(strict_verifier.Verify(Bearer(GoodToken({{"exp", std::to_string(kNow)}})), kNow).status == VerifyStatus::kOk);
    CHECK(strict_verifier.Verify(Bearer(GoodToken({{"exp", std::to_string(kNow - 1)}})), kNow).reason ==
          "token expired");
}

TEST_CASE("a token whose nbf is beyond the leeway in the future is refused", "[auth][jwt]") {
    const JwtVerifier verifier(test::DefaultSettings());
    CheckRefused(verifier, {"nbf in 61 s", GoodToken({{"nbf", std::to_string(kNow + 61)}}), "token not yet valid"});
    CHECK(verifier.Verify(Bearer(GoodToken({{"nbf", std::to_string(kNow + 60)}})), kNow).status == VerifyStatus::kOk);
    CHECK(verifier.Verify(Bearer(GoodToken({{"nbf", std::to_string(kNow - 100)}})), kNow).status == VerifyStatus::kOk);
}

TEST_CASE("a token issued in the future is refused", "[auth][jwt]") {
    const JwtVerifier verifier(test::DefaultSettings());
    CheckRefused(verifier,
                 {"iat in 61 s", GoodToken({{"iat", std::to_string(kNow + 61)}}), "token issued in the future"});
    CHECK(verifier.Verify(Bearer(GoodToken({{"iat", std::to_string(kNow + 60)}})), kNow).status == VerifyStatus::kOk);
    CHECK(verifier.Verify(Bearer(GoodToken({{"iat", ""}})), kNow).status == VerifyStatus::kOk);
}

TEST_CASE("a token signed with another secret is refused", "[auth][jwt]") {
    const JwtVerifier verifier(test::DefaultSettings());
    CheckRefused(verifier, {"other secret", MakeToken(kHs256Header, Payload(), "another-secret"), "bad signature"});
    // The secret is raw bytes: the part after the NUL counts.
    CheckRefused(verifier, {"secret cut at NUL", MakeToken(kHs256Header, Payload(), "k3y"), "bad signature"});
}

TEST_CASE("a token whose payload was changed after signing is refused", "[auth][jwt]") {
    const JwtVerifier verifier(test::DefaultSettings());
    const std::string good = GoodToken();
    const std::string other = GoodToken({{"tenant", R"("evil")"}});
    // The payload of one, the header and signature of the other.
    const auto dot1 = good.find('.');
    const auto dot2 = good.find('.', dot1 + 1);
    const auto other_dot1 = other.find('.');
    const auto other_dot2 = other.find('.', other_dot1 + 1);
    const std::string tampered =
        good.substr(0, dot1 + 1) + other.substr(other_dot1 + 1, other_dot2 - other_dot1 - 1) + good.substr(dot2);
    CheckRefused(verifier, {"swapped payload", tampered, "bad signature"});
}

TEST_CASE("alg none is refused with or without a signature", "[auth][jwt]") {
    const JwtVerifier verifier(test::DefaultSettings());
    const std::string header = test::B64Url(R"({"alg":"none","typ":"JWT"})");
    const std::string unsigned_token = header + "." + test::B64Url(Payload()) + ".";
    CheckRefused(verifier, {"none, empty signature", unsigned_token, "algorithm not allowed"});
    CheckRefused(verifier,
                 {"none, HMAC signature", MakeToken(R"({"alg":"none"})", Payload()), "algorithm not allowed"});
    CheckRefused(verifier, {"None", MakeToken(R"({"alg":"None"})", Payload()), "algorithm not allowed"});
}

TEST_CASE("algorithms other than HS256 are refused", "[auth][jwt]") {
    const JwtVerifier verifier(test::DefaultSettings());
    for (const char* header :
         {R"({"alg":"HS384","typ":"JWT"})", R"({"alg":"HS512"})", R"({"alg":"RS256"})", R"({"alg":"ES256"})",
          R"({"alg":"hs256"})", R"({"alg":"HS256 "})", R"({"typ":"JWT"})", R"({"alg":256})", R"({"alg":null})",
          R"({"alg":["HS256"]})", R"({"alg":"HS256","alg":"none"})"}) {
        const std::string expected = std::string(header).find("\"alg\":\"HS256\",\"alg\"") != std::string::npos
                                         ? "malformed token header"
                                         : "algorithm not allowed";
        CheckRefused(verifier, {header, MakeToken(header, Payload()), expected});
    }
}

TEST_CASE("typ must say JWT when present, kid is ignored", "[auth][jwt]") {
    const JwtVerifier verifier(test::DefaultSettings());
    for (const char* header :
         {R"({"alg":"HS256"})", R"({"alg":"HS256","typ":"jwt"})", R"({"typ":"at+jwt","alg":"HS256"})",
          R"({"alg":"HS256","typ":"application/JWT"})", R"({"alg":"HS256","typ":"JWT","kid":"2026-01"})"}) {
        INFO(header);
        CHECK(verifier.Verify(Bearer(MakeToken(header, Payload())), kNow).status == VerifyStatus::kOk);
    }
    CheckRefused(verifier,
                 {"typ JWE", MakeToken(R"({"alg":"HS256","typ":"JWE"})", Payload()), "unsupported token type"});
    CheckRefused(verifier,
                 {"typ number", MakeToken(R"({"alg":"HS256","typ":1})", Payload()), "unsupported token type"});
    CheckRefused(verifier, {"crit", MakeToken(R"({"alg":"HS256","crit":["exp"],"exp":1})", Payload()),
                            "unsupported critical header"});
}

TEST_CASE("a token for another issuer or audience is refused", "[auth][jwt]") {
    const JwtVerifier verifier(test::DefaultSettings());
    const std::vector<Refusal> refusals = {
        {"other iss", GoodToken({{"iss", R"("someone-else")"}}), "wrong issuer"},
        {"iss differs in case", GoodToken({{"iss", R"("Auditrail")"}}), "wrong issuer"},
        {"no iss", GoodToken({{"iss", ""}}), "missing iss claim"},
        {"other aud", GoodToken({{"aud", R"("billing")"}}), "wrong audience"},
        {"no aud", GoodToken({{"aud", ""}}), "missing aud claim"},
        {"aud array without ours", GoodToken({{"aud", R"(["billing","crm"])"}}), "wrong audience"},
        {"empty aud array", GoodToken({{"aud", "[]"}}), "wrong audience"},
    };
    for (const Refusal& refusal : refusals) CheckRefused(verifier, refusal);

    JwtSettings custom = test::DefaultSettings();
    custom.issuer = "https://idp.example";
    custom.audience = "audit-api";
    const JwtVerifier custom_verifier(custom);
    CHECK(custom_verifier.Verify(Bearer(GoodToken()), kNow).reason == "wrong issuer");
    CHECK(custom_verifier
              .Verify(Bearer(GoodToken({{"iss", R"("https://idp.example")"}, {"aud", R"("audit-api")"}})), kNow)
              .status == VerifyStatus::kOk);
}

TEST_CASE("aud may be an array that contains the audience", "[auth][jwt]") {
    const JwtVerifier verifier(test::DefaultSettings());
    for (const char* aud : {R"(["auditrail"])", R"(["billing","auditrail"])", R"(["auditrail","crm","x"])"}) {
        INFO(aud);
        CHECK(verifier.Verify(Bearer(GoodToken({{"aud", aud}})), kNow).status == VerifyStatus::kOk);
    }
}

TEST_CASE("a token without a valid tenant claim is refused", "[auth][jwt]") {
    const JwtVerifier verifier(test::DefaultSettings());
    const std::vector<Refusal> refusals = {
        {"no tenant", GoodToken({{"tenant", ""}}), "missing tenant claim"},
        {"upper case", GoodToken({{"tenant", R"("Bad")"}}), "invalid tenant claim"},
        {"leading dash", GoodToken({{"tenant", R"("-x")"}}), "invalid tenant claim"},
        {"empty", GoodToken({{"tenant", R"("")"}}), "invalid tenant claim"},
        {"64 chars", GoodToken({{"tenant", "\"" + std::string(64, 'a') + "\""}}), "invalid tenant claim"},
        {"number", GoodToken({{"tenant", "42"}}), "invalid tenant claim"},
        {"null", GoodToken({{"tenant", "null"}}), "invalid tenant claim"},
    };
    for (const Refusal& refusal : refusals) CheckRefused(verifier, refusal);
    const VerifyResult longest =
        verifier.Verify(Bearer(GoodToken({{"tenant", "\"" + std::string(63, 'a') + "\""}})), kNow);
    CHECK(longest.status == VerifyStatus::kOk);
    CHECK(longest.claims.tenant == std::string(63, 'a'));
}

TEST_CASE("exp is required and must be a number of seconds", "[auth][jwt]") {
    const JwtVerifier verifier(test::DefaultSettings());
    const std::vector<Refusal> refusals = {
        {"no exp", GoodToken({{"exp", ""}}), "missing exp claim"},
        {"exp as string", GoodToken({{"exp", "\"" + std::to_string(kNow + 10) + "\""}}), "bad exp claim"},
        {"exp null", GoodToken({{"exp", "null"}}), "bad exp claim"},
        {"exp true", GoodToken({{"exp", "true"}}), "bad exp claim"},
        {"exp beyond int64", GoodToken({{"exp", "18446744073709551615"}}), "bad exp claim"},
        {"exp 1e300", GoodToken({{"exp", "1e300"}}), "bad exp claim"},
        {"exp float already past", GoodToken({{"exp", std::to_string(kNow - 61) + ".9"}}), "token expired"},
    };
    for (const Refusal& refusal : refusals) CheckRefused(verifier, refusal);

    const VerifyResult fractional =
        verifier.Verify(Bearer(GoodToken({{"exp", std::to_string(kNow + 5) + ".75"}})), kNow);
    REQUIRE(fractional.status == VerifyStatus::kOk);
    CHECK(fractional.claims.exp == kNow + 5);  // floor
    CHECK(verifier.Verify(Bearer(GoodToken({{"iat", "1.8e9"}, {"nbf", "1799999999.5"}})), kNow).status ==
          VerifyStatus::kOk);
}

TEST_CASE("claims of the wrong type are refused", "[auth][jwt]") {
    const JwtVerifier verifier(test::DefaultSettings());
    const std::vector<Refusal> refusals = {
        {"sub number", GoodToken({{"sub", "7"}}), "bad sub claim"},
        {"scope array", GoodToken({{"scope", R"(["events:read"])"}}), "bad scope claim"},
        {"iss number", GoodToken({{"iss", "1"}}), "bad iss claim"},
        {"aud object", GoodToken({{"aud", R"({"a":"auditrail"})"}}), "bad aud claim"},
        {"aud array with a number", GoodToken({{"aud", R"(["auditrail",1])"}}), "bad aud claim"},
        {"nbf string", GoodToken({{"nbf", R"("soon")"}}), "bad nbf claim"},
        {"iat object", GoodToken({{"iat", "{}"}}), "bad iat claim"},
        {"jti number", GoodToken({{"jti", "7"}}), "bad jti claim"},
    };
    for (const Refusal& refusal : refusals) CheckRefused(verifier, refusal);
}

TEST_CASE("a claim that appears twice is refused", "[auth][jwt]") {
    const JwtVerifier verifier(test::DefaultSettings());
    const std::string payload = Payload();
    const std::string twice_tenant = payload.substr(0, payload.size() - 1) + R"(,"tenant":"other"})";
    CheckRefused(verifier, {"tenant twice", MakeToken(kHs256Header, twice_tenant), "duplicate claim"});
    const std::string twice_exp = payload.substr(0, payload.size() - 1) + ",\"exp\":" + std::to_string(kNow + 99) + "}";
    CheckRefused(verifier, {"exp twice", MakeToken(kHs256Header, twice_exp), "duplicate claim"});
}

TEST_CASE("malformed tokens are refused as invalid", "[auth][jwt]") {
    const JwtVerifier verifier(test::DefaultSettings());
    const std::string good = GoodToken();
    const std::string header = test::B64Url(kHs256Header);
    const std::string payload = test::B64Url(Payload());
    const std::string signature = good.substr(good.rfind('.') + 1);
    const std::vector<Refusal> refusals = {
        {"one part", header, "malformed token"},
        {"two parts", header + "." + payload, "malformed token"},
        {"four parts", good + ".e30", "malformed token"},
        {"empty header", "." + payload + "." + signature, "malformed token"},
        {"empty payload", header + ".." + signature, "malformed token"},
        {"only dots", "..", "malformed token"},
        {"invalid base64 character", header + "." + payload.substr(0, 4) + "*" + payload.substr(5) + "." + signature,
         "bad signature"},  // signature covers the text: it fails first
        {"standard base64 in header", header.substr(0, 2) + "+" + header.substr(3) + "." + payload + "." + signature,
         "malformed token"},
        {"padded signature", good + "=", "malformed token"},
        {"base64 of impossible length", header + "x." + payload + "." + signature, "malformed token"},
        {"header not JSON", MakeToken("alg=HS256", Payload()), "malformed token header"},
        {"header a JSON array", MakeToken(R"(["HS256"])", Payload()), "malformed token header"},
        {"header truncated JSON", MakeToken(R"({"alg":"HS256")", Payload()), "malformed token header"},
        {"payload not JSON", MakeToken(kHs256Header, "hello"), "malformed token payload"},
        {"payload a JSON string", MakeToken(kHs256Header, R"("tenant")"), "malformed token payload"},
        {"payload invalid UTF-8", MakeToken(kHs256Header, "{\"tenant\":\"\xff\"}"), "malformed token payload"},
        {"signature of 31 bytes", header + "." + payload + "." + test::B64Url(std::string(31, 'x')), "bad signature"},
    };
    for (const Refusal& refusal : refusals) CheckRefused(verifier, refusal);

    // Invalid base64 in the payload, validly signed (the signature covers the text as sent).
    const std::string bad_payload_input = header + "." + payload.substr(0, 4) + "*" + payload.substr(5);
    CheckRefused(verifier, {"invalid base64 in signed payload",
                            bad_payload_input + "." + test::B64Url(test::HmacSha256(kSecret, bad_payload_input)),
                            "malformed token"});
    // A token with a space inside is not one token.
    const VerifyResult spaced = verifier.Verify("Bearer " + good.substr(0, 10) + " " + good.substr(10), kNow);
    CHECK(spaced.status == VerifyStatus::kInvalid);
    CHECK(verifier.Verify("Bearer " + std::string(9000, 'a'), kNow).reason == "token too long");
}

TEST_CASE("a missing or blank Authorization header means no credentials", "[auth][jwt]") {
    const JwtVerifier verifier(test::DefaultSettings());
    for (const char* header : {"", " ", "\t "}) {
        const VerifyResult result = verifier.Verify(header, kNow);
        CHECK(result.status == VerifyStatus::kMissing);
        CHECK_FALSE(result.reason.empty());
    }
}

TEST_CASE("another scheme such as Basic means no bearer credentials", "[auth][jwt]") {
    const JwtVerifier verifier(test::DefaultSettings());
    const std::vector<std::string> headers = {"Basic dXNlcjpwYXNz", "Digest username=\"x\"", "Token " + GoodToken(),
                                              "Bearer" + GoodToken(), GoodToken()};
    for (const std::string& header : headers) {
        INFO(header);
        CHECK(verifier.Verify(header, kNow).status == VerifyStatus::kMissing);
    }
}

TEST_CASE("the Bearer scheme with no token is an invalid token", "[auth][jwt]") {
    const JwtVerifier verifier(test::DefaultSettings());
    for (const char* header : {"Bearer", "Bearer ", "bearer    ", " BEARER"}) {
        INFO(header);
        const VerifyResult result = verifier.Verify(header, kNow);
        CHECK(result.status == VerifyStatus::kInvalid);
        CHECK(result.reason == "empty bearer token");
    }
}

TEST_CASE("the Bearer scheme is case-insensitive and may be followed by several spaces", "[auth][jwt]") {
    const JwtVerifier verifier(test::DefaultSettings());
    const std::string token = GoodToken();
    for (const std::string& header :
         {"Bearer " + token, "bearer " + token, "BEARER " + token, "bEaReR   " + token, " Bearer " + token + " "}) {
        CHECK(verifier.Verify(header, kNow).status == VerifyStatus::kOk);
    }
}

TEST_CASE("reasons never contain the token", "[auth][jwt]") {
    const JwtVerifier verifier(test::DefaultSettings());
    const std::string good = GoodToken();
    for (const std::string& token : {good + "x", GoodToken({{"exp", "1"}}), GoodToken({{"aud", R"("x")"}}),
                                     MakeToken(R"({"alg":"none"})", Payload()), std::string("abc.def.ghi")}) {
        const VerifyResult result = verifier.Verify(Bearer(token), kNow);
        CHECK(result.status == VerifyStatus::kInvalid);
        CHECK(result.reason.find(token) == std::string::npos);
        CHECK(result.reason.find(token.substr(0, 8)) == std::string::npos);
        CHECK(result.reason.size() < 40);
    }
}

TEST_CASE("the verifier refuses an empty secret and a leeway beyond 60 seconds", "[auth][jwt]") {
    CHECK_THROWS_AS(JwtVerifier(JwtSettings{}), std::invalid_argument);
    JwtSettings settings = test::DefaultSettings();
    settings.leeway_s = 61;
    CHECK_THROWS_AS(JwtVerifier(settings), std::invalid_argument);
    settings.leeway_s = -1;
    CHECK_THROWS_AS(JwtVerifier(settings), std::invalid_argument);
}

// ---- the cache ----

TEST_CASE("a token verified twice gets the same answer both times", "[auth][jwt][cache]") {
    const JwtVerifier verifier(test::DefaultSettings());
    const std::string token = GoodToken();
    const VerifyResult first = verifier.Verify(Bearer(token), kNow);
    const VerifyResult second = verifier.Verify(Bearer(token), kNow + 1);
    REQUIRE(first.status == VerifyStatus::kOk);
    REQUIRE(second.status == VerifyStatus::kOk);
    CHECK(second.claims.tenant == first.claims.tenant);
    CHECK(second.claims.sub == first.claims.sub);
    CHECK(second.claims.scopes == first.claims.scopes);
    CHECK(second.claims.exp == first.claims.exp);
    CHECK(verifier.CachedTokens() == 1);

    // A refused token is not cached, and stays refused.
    const std::string bad = GoodToken({{"aud", R"("x")"}});
    CHECK(verifier.Verify(Bearer(bad), kNow).reason == "wrong audience");
    CHECK(verifier.Verify(Bearer(bad), kNow).reason == "wrong audience");
    CHECK(verifier.CachedTokens() == 1);
}

TEST_CASE("a cached token is refused once it has expired", "[auth][jwt][cache]") {
    const JwtVerifier verifier(test::DefaultSettings());
    const std::string token = GoodToken({{"exp", std::to_string(kNow + 100)}});
    REQUIRE(verifier.Verify(Bearer(token), kNow).status == VerifyStatus::kOk);
    CHECK(verifier.Verify(Bearer(token), kNow + 160).status == VerifyStatus::kOk);  // within leeway
    const VerifyResult late = verifier.Verify(Bearer(token), kNow + 161);
    CHECK(late.status == VerifyStatus::kInvalid);
    CHECK(late.reason == "token expired");
    CHECK(verifier.CachedTokens() == 0);
    CHECK(verifier.Verify(Bearer(token), kNow + 161).reason == "token expired");
}

TEST_CASE("a cached token is still checked against nbf and iat", "[auth][jwt][cache]") {
    const JwtVerifier verifier(test::DefaultSettings());
    const std::string token = GoodToken({{"nbf", std::to_string(kNow)}, {"iat", std::to_string(kNow)}});
    REQUIRE(verifier.Verify(Bearer(token), kNow).status == VerifyStatus::kOk);
    CHECK(verifier.Verify(Bearer(token), kNow - 61).reason == "token not yet valid");
    CHECK(verifier.Verify(Bearer(token), kNow).status == VerifyStatus::kOk);
}

TEST_CASE("a token differing from a cached one in one signature character is refused", "[auth][jwt][cache]") {
    const JwtVerifier verifier(test::DefaultSettings());
    const std::string good = GoodToken();
    REQUIRE(verifier.Verify(Bearer(good), kNow).status == VerifyStatus::kOk);
    const std::size_t signature_start = good.rfind('.') + 1;
    int refused = 0;
    for (std::size_t i = signature_start; i < good.size(); ++i) {
        // Change each character to its next two in the alphabet: at the last position these only flip
        // the unused low bits (A->B, A->C), which a lenient decoder would accept as the same signature.
        constexpr std::string_view kAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        for (const std::size_t delta : {1, 2}) {
            std::string forged = good;
            forged[i] = kAlphabet[(kAlphabet.find(good[i]) + delta) % kAlphabet.size()];
            const VerifyResult result = verifier.Verify(Bearer(forged), kNow);
            INFO("position " << i << ": " << result.reason);
            CHECK(result.status == VerifyStatus::kInvalid);
            ++refused;
        }
    }
    CHECK(refused == 2 * 43);
    CHECK(verifier.Verify(Bearer(good), kNow).status == VerifyStatus::kOk);
    CHECK(verifier.CachedTokens() == 1);
}

TEST_CASE("the cache never holds more tokens than its capacity", "[auth][jwt][cache]") {
    for (const std::size_t capacity : {std::size_t{0}, std::size_t{1}, std::size_t{5}, std::size_t{40}}) {
        JwtSettings settings = test::DefaultSettings();
        settings.cache_capacity = capacity;
        const JwtVerifier verifier(settings);
        for (int round = 0; round < 2; ++round) {
            for (int i = 0; i < 100; ++i) {
                const std::string token = GoodToken({{"sub", "\"svc-" + std::to_string(i) + "\""}});
                const VerifyResult result = verifier.Verify(Bearer(token), kNow);
                REQUIRE(result.status == VerifyStatus::kOk);
                REQUIRE(result.claims.sub == "svc-" + std::to_string(i));
                REQUIRE(verifier.CachedTokens() <= capacity);
            }
        }
        CHECK(verifier.CachedTokens() <= capacity);
        if (capacity >= 5) CHECK(verifier.CachedTokens() > 0);
    }
}

TEST_CASE("the verifier can be used from several threads at once", "[auth][jwt][cache]") {
    JwtSettings settings = test::DefaultSettings();
    settings.cache_capacity = 32;
    const JwtVerifier verifier(settings);
    std::vector<std::string> good;
    std::vector<std::string> bad;
    for (int i = 0; i < 64; ++i) {
        good.push_back(GoodToken({{"sub", "\"svc-" + std::to_string(i) + "\""}}));
        bad.push_back(MakeToken(kHs256Header, Payload({{"sub", "\"svc-" + std::to_string(i) + "\""}}), "wrong"));
    }
    std::atomic<int> wrong_answers{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t) {
        threads.emplace_back([&, t] {
            for (int n = 0; n < 2000; ++n) {
                const std::size_t i = static_cast<std::size_t>((n * 7 + t) % 64);
                const VerifyResult ok = verifier.Verify(Bearer(good[i]), kNow);
                if (ok.status != VerifyStatus::kOk || ok.claims.sub != "svc-" + std::to_string(i)) ++wrong_answers;
                if (verifier.Verify(Bearer(bad[i]), kNow).status != VerifyStatus::kInvalid) ++wrong_answers;
            }
        });
    }
    for (std::thread& thread : threads) thread.join();
    CHECK(wrong_answers == 0);
    CHECK(verifier.CachedTokens() <= 32);
}

}  // namespace
}  // namespace auditrail::auth
