#include <atomic>
#include <auditrail/auth/jwt_verifier.hpp>
#include <auditrail/auth/key_set.hpp>
#include <auditrail/auth/token_signer.hpp>
#include <catch2/catch.hpp>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "libs/auth/jwt_test_support.hpp"
#include "libs/auth/key_test_support.hpp"

namespace auditrail::auth {
namespace {

using test::Bearer;
using test::Header;
using test::Keys;
using test::kNow;
using test::kSecret;
using test::Payload;
using test::PrivatePem;
using test::PublicPem;
using test::SignedToken;

TokenRequest Request(std::string tenant = "acme") {
    TokenRequest request;
    request.tenant = std::move(tenant);
    request.scope = "events:write events:read";
    request.sub = "svc-checkout";
    request.now_s = kNow;
    return request;
}

/// Settings with no HS256 secret: only the key set verifies.
JwtSettings KeysOnly() {
    JwtSettings settings;
    settings.hs256_secret.clear();
    return settings;
}

/// rsa-old, rsa-new, ec-old, ec-new: the test key pairs' public halves.
KeySet FourKeys() {
    KeySet keys;
    keys.AddPublicKeyPem("rsa-old", PublicPem(Keys().rsa_old.get()));
    keys.AddPublicKeyPem("rsa-new", PublicPem(Keys().rsa_new.get()));
    keys.AddPublicKeyPem("ec-old", PublicPem(Keys().ec_old.get()));
    keys.AddPublicKeyPem("ec-new", PublicPem(Keys().ec_new.get()));
    return keys;
}

void CheckOk(const JwtVerifier& verifier, const std::string& token, std::string_view tenant = "acme") {
    const VerifyResult result = verifier.Verify(Bearer(token), kNow);
    INFO(result.reason);
    CHECK(result.status == VerifyStatus::kOk);
    CHECK(result.claims.tenant == tenant);
}

void CheckRefused(const JwtVerifier& verifier, std::string_view what, const std::string& token,
                  std::string_view reason) {
    INFO(what);
    const VerifyResult result = verifier.Verify(Bearer(token), kNow);
    CHECK(result.status == VerifyStatus::kInvalid);
    CHECK(result.reason == reason);
    CHECK(result.claims.tenant.empty());
}

/// `token` with the bits of one byte of its signature inverted.
std::string FlipSignatureByte(const std::string& token, std::size_t index) {
    const std::size_t dot = token.rfind('.');
    std::string signature = test::B64UrlDecode(token.substr(dot + 1));
    signature[index] = static_cast<char>(~signature[index]);
    return token.substr(0, dot + 1) + test::B64Url(signature);
}

std::string WithSignature(const std::string& token, std::string_view signature) {
    return token.substr(0, token.rfind('.') + 1) + test::B64Url(signature);
}

TEST_CASE("RS256 and ES256 tokens verify with the public keys of a PEM file", "[auth][jwt][keys]") {
    const test::TempDir dir;
    const std::string path = dir.Write("keys.pem", "# kid: rsa-old\n" + PublicPem(Keys().rsa_old.get()) +
                                                       "# kid: ec-old\n" + PublicPem(Keys().ec_old.get()));
    const JwtVerifier verifier(test::DefaultSettings(), LoadKeySet(path));

    const VerifyResult rs256 =
        verifier.Verify(Bearer(SignRs256(Request("rs"), PrivatePem(Keys().rsa_old.get()), "rsa-old")), kNow);
    REQUIRE(rs256.status == VerifyStatus::kOk);
    CHECK(rs256.claims.tenant == "rs");
    CHECK(rs256.claims.sub == "svc-checkout");
    CHECK(rs256.claims.scopes == std::vector<std::string>{"events:write", "events:read"});
    CheckOk(verifier, SignEs256(Request("es"), PrivatePem(Keys().ec_old.get()), "ec-old"), "es");

    // Tokens signed by OpenSSL here, not by the library's signer.
    CheckOk(verifier, SignedToken(Keys().rsa_old.get(), Header("RS256", "rsa-old")));
    CheckOk(verifier, SignedToken(Keys().ec_old.get(), Header("ES256", "ec-old")));
    // The HS256 secret still verifies kid-less HS256 tokens.
    CheckOk(verifier, test::GoodToken());
    CheckOk(verifier, SignHs256(Request(), kSecret));
}

TEST_CASE("JwtSettings::keys_file loads a JWKS file", "[auth][jwt][keys]") {
    const test::TempDir dir;
    JwtSettings settings = KeysOnly();
    settings.keys_file = dir.Write("keys.json", R"({"keys":[{)" + test::JwkMembers(Keys().rsa_new.get()) +
                                                    R"(,"kid":"r1","alg":"RS256"},{)" +
                                                    test::JwkMembers(Keys().ec_new.get()) + R"(,"kid":"e1"}]})");
    const JwtVerifier verifier(settings);
    CheckOk(verifier, SignRs256(Request(), PrivatePem(Keys().rsa_new.get()), "r1"));
    CheckOk(verifier, SignEs256(Request(), PrivatePem(Keys().ec_new.get()), "e1"));
    CheckRefused(verifier, "no HS256 secret configured", test::GoodToken(), "token has no kid");

    settings.keys_file = dir.Write("bad.json", R"({"keys":[]})");
    CHECK_THROWS_WITH(JwtVerifier(settings),
                      "auth: key file '" + settings.keys_file + "': JWKS: the \"keys\" array is empty");
    settings.keys_file = (dir.Path() / "missing.pem").string();
    CHECK_THROWS_AS(JwtVerifier(settings), std::runtime_error);
}

TEST_CASE("a kid selects exactly that key; a token without kid uses the HS256 secret, else the only key",
          "[auth][jwt][keys]") {
    const std::string rsa_old_private = PrivatePem(Keys().rsa_old.get());
    {
        const JwtVerifier verifier(test::DefaultSettings(), FourKeys());
        CheckRefused(verifier, "signed by rsa-new, kid rsa-old",
                     SignRs256(Request(), PrivatePem(Keys().rsa_new.get()), "rsa-old"), "bad signature");
        CheckRefused(verifier, "kid-less RS256 while an HS256 secret is configured",
                     SignRs256(Request(), rsa_old_private), "algorithm not allowed");
        CheckRefused(verifier, "HS256 with a kid that is not configured",
                     test::MakeToken(Header("HS256", "hs"), Payload()), "unknown kid");
    }
    {
        KeySet one;
        one.AddPublicKeyPem("rsa-old", PublicPem(Keys().rsa_old.get()));
        const JwtVerifier verifier(KeysOnly(), std::move(one));
        CheckOk(verifier, SignRs256(Request(), rsa_old_private));  // the only key
        CheckOk(verifier, SignRs256(Request(), rsa_old_private, "rsa-old"));
        CheckRefused(verifier, "unknown kid", SignRs256(Request(), rsa_old_private, "rsa-older"), "unknown kid");
    }
    {
        const JwtVerifier verifier(KeysOnly(), FourKeys());
        CheckRefused(verifier, "no kid among four keys", SignRs256(Request(), rsa_old_private), "token has no kid");
    }
    {
        // HS256 keys in the set are selected by kid like the others.
        KeySet keys;
        keys.AddHs256("hs-2026", "another secret");
        keys.AddPublicKeyPem("rsa-old", PublicPem(Keys().rsa_old.get()));
        const JwtVerifier verifier(test::DefaultSettings(), std::move(keys));
        CheckOk(verifier, test::MakeToken(Header("HS256", "hs-2026"), Payload(), "another secret"));
        CheckRefused(verifier, "HS256 kid, signed with the settings' secret",
                     test::MakeToken(Header("HS256", "hs-2026"), Payload()), "bad signature");
        CheckRefused(verifier, "RS256 header, HS256 key", SignRs256(Request(), rsa_old_private, "hs-2026"),
                     "algorithm not allowed");
    }
}

TEST_CASE("key rotation: old and new keys both verify until the old one is removed", "[auth][jwt][keys]") {
    const test::TempDir dir;
    const std::string old_rsa_token = SignRs256(Request("old-rsa"), PrivatePem(Keys().rsa_old.get()), "2026-01");
    const std::string new_rsa_token = SignRs256(Request("new-rsa"), PrivatePem(Keys().rsa_new.get()), "2026-02");
    const std::string old_ec_token = SignEs256(Request("old-ec"), PrivatePem(Keys().ec_old.get()), "ec-2026-01");
    const std::string new_ec_token = SignEs256(Request("new-ec"), PrivatePem(Keys().ec_new.get()), "ec-2026-02");

    SECTION("PEM file") {
        const std::string path = dir.Write("keys.pem", "# kid: 2026-01\n" + PublicPem(Keys().rsa_old.get()) +
                                                           "# kid: 2026-02\n" + PublicPem(Keys().rsa_new.get()));
        const JwtVerifier both(KeysOnly(), LoadKeySet(path));
        CheckOk(both, old_rsa_token, "old-rsa");
        CheckOk(both, new_rsa_token, "new-rsa");

        dir.Write("keys.pem", "# kid: 2026-02\n" + PublicPem(Keys().rsa_new.get()));
        const JwtVerifier rotated(KeysOnly(), LoadKeySet(path));
        CheckRefused(rotated, "old key removed", old_rsa_token, "unknown kid");
        CheckOk(rotated, new_rsa_token, "new-rsa");
        // The first verifier is unchanged by the new file: its keys were loaded once.
        CheckOk(both, old_rsa_token, "old-rsa");
    }
    SECTION("JWKS file") {
        const std::string old_jwk = "{" + test::JwkMembers(Keys().ec_old.get()) + R"(,"kid":"ec-2026-01"})";
        const std::string new_jwk = "{" + test::JwkMembers(Keys().ec_new.get()) + R"(,"kid":"ec-2026-02"})";
        JwtSettings settings = KeysOnly();
        settings.keys_file = dir.Write("keys.json", R"({"keys":[)" + old_jwk + "," + new_jwk + "]}");
        const JwtVerifier both(settings);
        CheckOk(both, old_ec_token, "old-ec");
        CheckOk(both, new_ec_token, "new-ec");

        dir.Write("keys.json", R"({"keys":[)" + new_jwk + "]}");
        const JwtVerifier rotated(settings);
        CheckRefused(rotated, "old key removed", old_ec_token, "unknown kid");
        CheckOk(rotated, new_ec_token, "new-ec");
    }
    SECTION("KeySet::Remove") {
        KeySet keys;
        keys.AddPublicKeyPem("2026-01", PublicPem(Keys().rsa_old.get()));
        keys.AddPublicKeyPem("2026-02", PublicPem(Keys().rsa_new.get()));
        const JwtVerifier both(KeysOnly(), keys);
        CheckOk(both, old_rsa_token, "old-rsa");  // now in both's cache
        REQUIRE(keys.Remove("2026-01"));
        const JwtVerifier rotated(KeysOnly(), keys);
        CheckRefused(rotated, "old key removed", old_rsa_token, "unknown kid");
        CheckOk(rotated, new_rsa_token, "new-rsa");
    }
    SECTION("thumbprint kids") {
        // Keys named by their RFC 7638 thumbprint: the issuer puts the same thumbprint in `kid`.
        const std::string old_kid = test::ExpectedThumbprint(Keys().rsa_old.get());
        const std::string new_kid = test::ExpectedThumbprint(Keys().rsa_new.get());
        const JwtVerifier both(KeysOnly(),
                               ParsePemKeySet(PublicPem(Keys().rsa_old.get()) + PublicPem(Keys().rsa_new.get())));
        CheckOk(both, SignRs256(Request(), PrivatePem(Keys().rsa_old.get()), old_kid));
        CheckOk(both, SignRs256(Request(), PrivatePem(Keys().rsa_new.get()), new_kid));
        const JwtVerifier rotated(KeysOnly(), ParsePemKeySet(PublicPem(Keys().rsa_new.get())));
        CheckRefused(rotated, "old key removed", SignRs256(Request(), PrivatePem(Keys().rsa_old.get()), old_kid),
                     "unknown kid");
    }
}

TEST_CASE("attack: alg none is refused whatever the kid", "[auth][jwt][keys][attack]") {
    const JwtVerifier verifier(KeysOnly(), FourKeys());
    const std::string payload = test::B64Url(Payload());
    for (const char* kid : {"rsa-old", "ec-old", ""}) {
        const std::string header = test::B64Url(Header("none", kid));
        CheckRefused(verifier, "none, empty signature", header + "." + payload + ".", "algorithm not allowed");
        CheckRefused(verifier, "none, RSA signature", SignedToken(Keys().rsa_old.get(), Header("none", kid)),
                     "algorithm not allowed");
        CheckRefused(verifier, "NONE", SignedToken(Keys().rsa_old.get(), Header("NONE", kid)), "algorithm not allowed");
    }
}

TEST_CASE("attack: an HS256 token keyed with the RSA public key's PEM text never verifies",
          "[auth][jwt][keys][attack]") {
    const std::string pem = PublicPem(Keys().rsa_old.get());
    const std::string jwk = "{" + test::JwkMembers(Keys().rsa_old.get()) + "}";
    KeySet one;
    one.AddPublicKeyPem("rsa-old", pem);
    const JwtVerifier keys_only(KeysOnly(), one);
    const JwtVerifier with_secret(test::DefaultSettings(), one);
    for (const std::string& hmac_key : {pem, pem.substr(0, pem.size() - 1), jwk}) {
        const std::string with_kid = test::MakeToken(Header("HS256", "rsa-old"), Payload(), hmac_key);
        const std::string without_kid = test::MakeToken(Header("HS256"), Payload(), hmac_key);
        CheckRefused(keys_only, "kid of the RSA key", with_kid, "algorithm not allowed");
        CheckRefused(keys_only, "no kid, the RSA key is the only key", without_kid, "algorithm not allowed");
        CheckRefused(with_secret, "kid of the RSA key", with_kid, "algorithm not allowed");
        CheckRefused(with_secret, "no kid: the HS256 secret is used", without_kid, "bad signature");
    }
}

TEST_CASE("attack: a kid for a key that is not configured is refused", "[auth][jwt][keys][attack]") {
    KeySet keys;
    keys.AddPublicKeyPem("rsa-old", PublicPem(Keys().rsa_old.get()));
    const JwtVerifier verifier(test::DefaultSettings(), std::move(keys));
    // Well signed by a real key pair, just not one that is configured.
    CheckRefused(verifier, "RS256, unknown kid", SignRs256(Request(), PrivatePem(Keys().rsa_new.get()), "rsa-new"),
                 "unknown kid");
    CheckRefused(verifier, "HS256 with the configured secret, unknown kid",
                 test::MakeToken(Header("HS256", "rsa-new"), Payload()), "unknown kid");
    CheckRefused(verifier, "empty kid", test::MakeToken(R"({"alg":"HS256","kid":""})", Payload()), "unknown kid");
    CheckRefused(verifier, "kid not a string", test::MakeToken(R"({"alg":"HS256","kid":1})", Payload()),
                 "malformed token header");
    CheckRefused(verifier, "two kids", test::MakeToken(R"({"alg":"HS256","kid":"rsa-old","kid":"x"})", Payload()),
                 "malformed token header");
}

TEST_CASE("attack: an algorithm other than the selected key's is refused", "[auth][jwt][keys][attack]") {
    KeySet keys = FourKeys();
    keys.AddHs256("hs", "hs secret");
    const JwtVerifier verifier(KeysOnly(), std::move(keys));
    EVP_PKEY* rsa = Keys().rsa_old.get();
    EVP_PKEY* ec = Keys().ec_old.get();
    CheckRefused(verifier, "RS256 with an EC kid", SignedToken(rsa, Header("RS256", "ec-old")),
                 "algorithm not allowed");
    CheckRefused(verifier, "ES256 with an RSA kid", SignedToken(ec, Header("ES256", "rsa-old")),
                 "algorithm not allowed");
    CheckRefused(verifier, "HS256 with an EC kid", test::MakeToken(Header("HS256", "ec-old"), Payload(), "x"),
                 "algorithm not allowed");
    CheckRefused(verifier, "RS256 with an HS256 kid", SignedToken(rsa, Header("RS256", "hs")), "algorithm not allowed");
    CheckRefused(verifier, "PS256 with an RSA kid", SignedToken(rsa, Header("PS256", "rsa-old")),
                 "algorithm not allowed");
    CheckRefused(verifier, "RS512 with an RSA kid", SignedToken(rsa, Header("RS512", "rsa-old")),
                 "algorithm not allowed");
    CheckRefused(verifier, "ES384 with an EC kid", SignedToken(ec, Header("ES384", "ec-old")), "algorithm not allowed");
    CheckRefused(verifier, "rs256 lower case", SignedToken(rsa, Header("rs256", "rsa-old")), "algorithm not allowed");
    // The right pairings, for contrast.
    CheckOk(verifier, SignedToken(rsa, Header("RS256", "rsa-old")));
    CheckOk(verifier, SignedToken(ec, Header("ES256", "ec-old")));
    CheckOk(verifier, test::MakeToken(Header("HS256", "hs"), Payload(), "hs secret"));
}

TEST_CASE("attack: a key embedded in the token header is never used", "[auth][jwt][keys][attack]") {
    KeySet one;
    one.AddPublicKeyPem("", PublicPem(Keys().rsa_old.get()));
    const JwtVerifier verifier(KeysOnly(), std::move(one));
    // The attacker signs with their own key and offers it in `jwk` (CVE-2018-0114 style) and `jku`.
    EVP_PKEY* attacker = Keys().rsa_new.get();
    const std::string header =
        R"({"alg":"RS256","jwk":{)" + test::JwkMembers(attacker) + R"(},"jku":"https://evil.example/jwks.json"})";
    CheckRefused(verifier, "embedded jwk", SignedToken(attacker, header), "bad signature");
}

TEST_CASE("attack: tampered RS256 and ES256 tokens are refused", "[auth][jwt][keys][attack]") {
    const JwtVerifier verifier(KeysOnly(), FourKeys());
    const std::string rs256 = SignRs256(Request(), PrivatePem(Keys().rsa_old.get()), "rsa-old");
    const std::string es256 = SignEs256(Request(), PrivatePem(Keys().ec_old.get()), "ec-old");
    CheckOk(verifier, rs256);
    CheckOk(verifier, es256);
    for (const std::size_t index : {0, 100, 255}) {
        CheckRefused(verifier, "RS256 signature byte flipped", FlipSignatureByte(rs256, index), "bad signature");
    }
    for (const std::size_t index : {0, 31, 32, 63}) {
        CheckRefused(verifier, "ES256 signature byte flipped", FlipSignatureByte(es256, index), "bad signature");
    }
    // The payload of another tenant under the original signature.
    for (const std::string& token : {rs256, es256}) {
        const std::size_t first = token.find('.');
        const std::size_t second = token.find('.', first + 1);
        const std::string forged =
            token.substr(0, first + 1) + test::B64Url(Payload({{"tenant", R"("evil")"}})) + token.substr(second);
        CheckRefused(verifier, "payload replaced", forged, "bad signature");
    }
    // A valid signature over other bytes: the same signature with a different header (kid of the other pair).
    const std::string rs256_sig = rs256.substr(rs256.rfind('.') + 1);
    CheckRefused(verifier, "signature moved to another header",
                 test::B64Url(Header("RS256", "rsa-new")) + "." + test::B64Url(Payload()) + "." + rs256_sig,
                 "bad signature");
}

TEST_CASE("attack: signatures of the wrong length or form are refused", "[auth][jwt][keys][attack]") {
    const JwtVerifier verifier(KeysOnly(), FourKeys());
    const std::string es256 = SignEs256(Request(), PrivatePem(Keys().ec_old.get()), "ec-old");
    const std::string raw = test::B64UrlDecode(es256.substr(es256.rfind('.') + 1));
    REQUIRE(raw.size() == 64);
    const std::string der = test::RawToDer(raw);
    CheckRefused(verifier, "ES256 as DER", WithSignature(es256, der), "bad signature");
    CheckRefused(verifier, "ES256, 63 bytes", WithSignature(es256, raw.substr(1)), "bad signature");
    CheckRefused(verifier, "ES256, 65 bytes", WithSignature(es256, std::string(1, '\0') + raw), "bad signature");
    CheckRefused(verifier, "ES256, 32 bytes", WithSignature(es256, raw.substr(0, 32)), "bad signature");
    CheckRefused(verifier, "ES256, empty", WithSignature(es256, ""), "bad signature");
    CheckRefused(verifier, "ES256, r = s = 0", WithSignature(es256, std::string(64, '\0')), "bad signature");
    CheckRefused(verifier, "ES256, r = s = all ones", WithSignature(es256, std::string(64, '\xff')), "bad signature");

    const std::string rs256 = SignRs256(Request(), PrivatePem(Keys().rsa_old.get()), "rsa-old");
    const std::string signature = test::B64UrlDecode(rs256.substr(rs256.rfind('.') + 1));
    REQUIRE(signature.size() == 256);
    CheckRefused(verifier, "RS256, one byte short", WithSignature(rs256, signature.substr(1)), "bad signature");
    CheckRefused(verifier, "RS256, a leading zero added", WithSignature(rs256, std::string(1, '\0') + signature),
                 "bad signature");
    CheckRefused(verifier, "RS256, empty", WithSignature(rs256, ""), "bad signature");
    CheckRefused(verifier, "RS256, not base64url", rs256.substr(0, rs256.rfind('.') + 1) + "a+b/", "malformed token");
}

TEST_CASE("RS256 and ES256 tokens get the same claim checks and caching as HS256", "[auth][jwt][keys]") {
    const JwtVerifier verifier(KeysOnly(), FourKeys());
    EVP_PKEY* rsa = Keys().rsa_old.get();
    EVP_PKEY* ec = Keys().ec_old.get();
    CheckRefused(verifier, "expired",
                 SignedToken(ec, Header("ES256", "ec-old"), Payload({{"exp", std::to_string(kNow - 61)}})),
                 "token expired");
    CheckRefused(verifier, "wrong audience",
                 SignedToken(rsa, Header("RS256", "rsa-old"), Payload({{"aud", R"("other")"}})), "wrong audience");
    CheckRefused(verifier, "no tenant", SignedToken(rsa, Header("RS256", "rsa-old"), Payload({{"tenant", ""}})),
                 "missing tenant claim");
    CheckRefused(verifier, "typ JWE", SignedToken(rsa, R"({"alg":"RS256","kid":"rsa-old","typ":"JWE"})"),
                 "unsupported token type");

    const std::string token = SignRs256(Request(), PrivatePem(rsa), "rsa-old");
    CHECK(verifier.CachedTokens() == 0);
    CheckOk(verifier, token);
    CheckOk(verifier, token);
    CHECK(verifier.CachedTokens() == 1);
    CHECK(verifier.Verify(Bearer(token), kNow + 3600 + 61).reason == "token expired");
}

TEST_CASE("RS256 and ES256 tokens can be verified from several threads at once", "[auth][jwt][keys]") {
    JwtSettings settings = KeysOnly();
    settings.cache_capacity = 0;  // every call checks the signature with the shared EVP_PKEY
    const JwtVerifier verifier(settings, FourKeys());
    const std::vector<std::string> good = {
        SignRs256(Request(), PrivatePem(Keys().rsa_old.get()), "rsa-old"),
        SignEs256(Request(), PrivatePem(Keys().ec_new.get()), "ec-new"),
    };
    const std::vector<std::string> bad = {FlipSignatureByte(good[0], 7), FlipSignatureByte(good[1], 7)};
    std::atomic<int> failures{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t) {
        threads.emplace_back([&, t] {
            for (int i = 0; i < 50; ++i) {
                const std::size_t k = static_cast<std::size_t>((t + i) % 2);
                if (verifier.Verify(Bearer(good[k]), kNow).status != VerifyStatus::kOk) ++failures;
                if (verifier.Verify(Bearer(bad[k]), kNow).reason != "bad signature") ++failures;
            }
        });
    }
    for (std::thread& thread : threads) thread.join();
    CHECK(failures == 0);
}

TEST_CASE("a verifier needs an HS256 secret or a key set", "[auth][jwt][keys]") {
    CHECK_THROWS_AS(JwtVerifier(KeysOnly(), KeySet{}), std::invalid_argument);
    CHECK_THROWS_AS(JwtVerifier(KeysOnly()), std::invalid_argument);
    CHECK_NOTHROW(JwtVerifier(test::DefaultSettings(), KeySet{}));
    JwtSettings bad_leeway = KeysOnly();
    bad_leeway.leeway_s = 61;
    CHECK_THROWS_AS(JwtVerifier(bad_leeway, FourKeys()), std::invalid_argument);
}

}  // namespace
}  // namespace auditrail::auth
