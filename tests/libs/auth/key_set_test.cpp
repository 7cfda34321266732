#include <algorithm>
#include <auditrail/auth/key_set.hpp>
#include <catch2/catch.hpp>
#include <stdexcept>
#include <string>
#include <vector>

#include "libs/auth/key_test_support.hpp"

namespace auditrail::auth {
namespace {

using test::Keys;
using test::PublicPem;

/// RFC 7638 §3.1: the example RSA key (from RFC 7517 appendix A.1) and its SHA-256 thumbprint.
constexpr const char* kRfc7638N =
    "0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknj"
    "hMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQ"
    "vRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzK"
    "nqDKgw";
constexpr const char* kRfc7638Thumbprint = "NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs";

std::string Jwks(const std::vector<std::string>& keys) {
    std::string json = R"({"keys":[)";
    for (std::size_t i = 0; i < keys.size(); ++i) json += (i == 0 ? "" : ",") + keys[i];
    return json + "]}";
}

std::string Jwk(EVP_PKEY* pkey, std::string_view extra = {}) {
    std::string jwk = "{";
    jwk += test::JwkMembers(pkey);
    if (!extra.empty()) jwk.append(",").append(extra);
    return jwk + "}";
}

/// The message of the std::runtime_error that loading `content` as a key file throws ("" when none).
std::string LoadError(std::string_view content) {
    const test::TempDir dir;
    const std::string path = dir.Write("keys", content);
    try {
        LoadKeySet(path);
    } catch (const std::runtime_error& error) {
        const std::string message = error.what();
        CHECK(message.find('\n') == std::string::npos);  // one line
        CHECK(message.find(path) != std::string::npos);  // names the file
        return message;
    }
    return {};
}

TEST_CASE("a PEM file names its keys with kid comments and binds RSA to RS256, P-256 to ES256", "[auth][keys]") {
    const test::TempDir dir;
    const std::string pem = "# auditrail verification keys\n# kid: rsa-2026-01\n" + PublicPem(Keys().rsa_old.get()) +
                            "\n#kid:ec-2026-01\r\n" + PublicPem(Keys().ec_old.get());
    const KeySet keys = LoadKeySet(dir.Write("keys.pem", pem));
    CHECK(keys.Kids() == std::vector<std::string>{"ec-2026-01", "rsa-2026-01"});
    CHECK(keys.AlgorithmOf("rsa-2026-01") == KeyAlgorithm::kRs256);
    CHECK(keys.AlgorithmOf("ec-2026-01") == KeyAlgorithm::kEs256);
    CHECK_FALSE(keys.AlgorithmOf("hs256").has_value());
    CHECK(AlgorithmName(KeyAlgorithm::kEs256) == "ES256");
}

TEST_CASE("a PEM block without a kid comment is named by its RFC 7638 thumbprint", "[auth][keys]") {
    const KeySet keys = ParsePemKeySet(PublicPem(Keys().rsa_old.get()) + PublicPem(Keys().ec_old.get()));
    const std::string rsa_kid = test::ExpectedThumbprint(Keys().rsa_old.get());
    const std::string ec_kid = test::ExpectedThumbprint(Keys().ec_old.get());
    CHECK(rsa_kid.size() == 43);
    CHECK(keys.AlgorithmOf(rsa_kid) == KeyAlgorithm::kRs256);
    CHECK(keys.AlgorithmOf(ec_kid) == KeyAlgorithm::kEs256);
    CHECK(keys.Size() == 2);
}

TEST_CASE("the thumbprint of RFC 7638's example key is the RFC's", "[auth][keys]") {
    const KeySet keys = ParseJwksKeySet(Jwks({std::string(R"({"kty":"RSA","e":"AQAB","n":")") + kRfc7638N + "\"}"}));
    CHECK(keys.Kids() == std::vector<std::string>{kRfc7638Thumbprint});
    // The same key in PEM form gets the same kid.
    const KeySet from_jwk = ParseJwksKeySet(
        Jwks({std::string(R"({"kty":"RSA","kid":"2011-04-29","alg":"RS256","use":"sig","e":"AQAB","n":")") + kRfc7638N +
              "\"}"}));
    CHECK(from_jwk.Kids() == std::vector<std::string>{"2011-04-29"});
}

TEST_CASE("a JWKS file holds RSA and EC keys with or without kid and alg", "[auth][keys]") {
    const test::TempDir dir;
    const std::string jwks = Jwks({
        Jwk(Keys().rsa_old.get(), R"("kid":"rsa-old","alg":"RS256","use":"sig")"),
        Jwk(Keys().rsa_new.get(), R"("kid":"rsa-new")"),
        Jwk(Keys().ec_old.get(), R"("kid":"ec-old","alg":"ES256","x5t":"ignored")"),
        Jwk(Keys().ec_new.get()),
    });
    const KeySet keys = LoadKeySet(dir.Write("keys.json", "\n  " + jwks));
    CHECK(keys.Size() == 4);
    CHECK(keys.AlgorithmOf("rsa-old") == KeyAlgorithm::kRs256);
    CHECK(keys.AlgorithmOf("rsa-new") == KeyAlgorithm::kRs256);
    CHECK(keys.AlgorithmOf("ec-old") == KeyAlgorithm::kEs256);
    CHECK(keys.AlgorithmOf(test::ExpectedThumbprint(Keys().ec_new.get())) == KeyAlgorithm::kEs256);
}

TEST_CASE("keys can be added and removed by kid", "[auth][keys]") {
    KeySet keys;
    keys.AddHs256("hs-1", "secret");
    CHECK(keys.AddPublicKeyPem("rsa-1", PublicPem(Keys().rsa_old.get())) == "rsa-1");
    CHECK(keys.AddPublicKeyPem("", PublicPem(Keys().ec_old.get())) == test::ExpectedThumbprint(Keys().ec_old.get()));
    CHECK(keys.Size() == 3);
    CHECK(keys.AlgorithmOf("hs-1") == KeyAlgorithm::kHs256);
    CHECK_THROWS_AS(keys.AddHs256("hs-1", "other"), std::invalid_argument);
    CHECK_THROWS_AS(keys.AddHs256("hs-2", ""), std::invalid_argument);
    CHECK_THROWS_AS(keys.AddHs256("", "secret"), std::invalid_argument);
    CHECK_THROWS_AS(keys.AddPublicKeyPem("x", test::PrivatePem(Keys().rsa_old.get())), std::invalid_argument);
    const KeySet copy = keys;
    CHECK(keys.Remove("rsa-1"));
    CHECK_FALSE(keys.Remove("rsa-1"));
    CHECK(keys.Size() == 2);
    CHECK(copy.Size() == 3);  // copies are independent
}

TEST_CASE("a missing, empty or unrecognisable key file is refused with one clear line", "[auth][keys]") {
    CHECK_THROWS_WITH(LoadKeySet("/nonexistent/keys.pem"), "auth: key file '/nonexistent/keys.pem': cannot be opened");
    CHECK_THAT(LoadError(""), Catch::EndsWith("': empty"));
    CHECK_THAT(LoadError(" \n\n"), Catch::EndsWith("': empty"));
    CHECK_THAT(LoadError("hello"), Catch::EndsWith("PEM: line 1: unexpected text outside a PEM block"));
}

TEST_CASE("malformed PEM key files are refused with the line and the reason", "[auth][keys]") {
    const std::string rsa = PublicPem(Keys().rsa_old.get());
    const std::string ec = PublicPem(Keys().ec_old.get());
    struct Case {
        std::string what;
        std::string content;
        std::string message_end;
    };
    std::string truncated = rsa.substr(0, rsa.find("-----END"));
    std::string corrupted = rsa;
    corrupted[40] = corrupted[40] == 'A' ? 'B' : 'A';
    corrupted[41] = '!';
    const auto rsa_lines = static_cast<int>(std::count(rsa.begin(), rsa.end(), '\n'));
    const auto line = [](int number) { return "PEM: line " + std::to_string(number) + ": "; };
    const std::vector<Case> cases = {
        {"only comments", "# kid: a\n", "PEM: line 1: kid comment with no key after it"},
        {"no blocks", "# nothing here\n", "PEM: no PUBLIC KEY block"},
        {"no END line", "# kid: a\n" + truncated, "PEM: line 2: PUBLIC KEY block without its END line"},
        {"bad base64", corrupted, "PEM: line 1: not a valid PUBLIC KEY block (bad base64 or DER)"},
        {"private key", test::PrivatePem(Keys().rsa_old.get()),
         "PEM: line 1: a private key (PRIVATE KEY) does not belong in the key file; give its public key"},
        {"certificate", "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n",
         "PEM: line 1: unsupported PEM block 'CERTIFICATE' (expected PUBLIC KEY)"},
        {"PKCS#1 public key", "-----BEGIN RSA PUBLIC KEY-----\nMIIB\n-----END RSA PUBLIC KEY-----\n",
         "PEM: line 1: unsupported PEM block 'RSA PUBLIC KEY' (expected PUBLIC KEY)"},
        {"text between blocks", rsa + "junk\n" + ec, line(rsa_lines + 1) + "unexpected text outside a PEM block"},
        {"two kid comments", "# kid: a\n# kid: b\n" + rsa, "PEM: line 2: second kid comment before a key"},
        {"empty kid", "# kid:\n" + rsa, "PEM: line 1: empty kid"},
        {"duplicate kid", "# kid: a\n" + rsa + "# kid: a\n" + ec, line(rsa_lines + 3) + "duplicate kid 'a'"},
        {"same key twice, no kid", rsa + rsa,
         line(rsa_lines + 1) + "duplicate kid '" + test::ExpectedThumbprint(Keys().rsa_old.get()) + "'"},
        {"RSA-1024", PublicPem(test::GenerateRsa(1024).get()),
         "PEM: line 1: RSA key of 1024 bits (at least 2048 needed)"},
        {"P-384", PublicPem(test::GenerateEc("P-384").get()),
         "PEM: line 1: EC key on curve 'secp384r1' (only P-256 is supported)"},
        {"Ed25519", PublicPem(test::Pkey(EVP_PKEY_Q_keygen(nullptr, nullptr, "ED25519")).get()),
         "PEM: line 1: unsupported key type 'ED25519' (RSA or EC P-256 expected)"},
    };
    for (const Case& c : cases) {
        INFO(c.what);
        CHECK_THAT(LoadError(c.content), Catch::EndsWith(c.message_end));
    }
    CHECK_THROWS_WITH(ParsePemKeySet("# nothing\n"), "auth: bad PEM key set: no PUBLIC KEY block");
}

TEST_CASE("malformed JWKS key files are refused with the key and the reason", "[auth][keys]") {
    const std::string rsa = test::JwkMembers(Keys().rsa_old.get());
    const std::string ec = test::JwkMembers(Keys().ec_old.get());
    struct Case {
        std::string what;
        std::string content;
        std::string message_end;
    };
    std::string ec_off_curve = ec;
    const std::size_t y = ec_off_curve.find(R"("y":")") + 5;
    ec_off_curve[y + 3] = ec_off_curve[y + 3] == 'A' ? 'B' : 'A';
    const std::vector<Case> cases = {
        {"not JSON", "{\"keys\":[", "JWKS: not valid JSON ("},
        {"no keys", "{}", "JWKS: a JWKS is an object with a \"keys\" array"},
        {"keys not an array", R"({"keys":{}})", "JWKS: a JWKS is an object with a \"keys\" array"},
        {"empty keys", R"({"keys":[]})", "JWKS: the \"keys\" array is empty"},
        {"key not an object", R"({"keys":[1]})", "JWKS: keys[0]: not an object"},
        {"no kty", R"({"keys":[{"kid":"a"}]})", "JWKS: keys[0] (kid 'a'): missing \"kty\""},
        {"kty number", R"({"keys":[{"kty":1}]})", "JWKS: keys[0]: \"kty\" must be a string"},
        {"oct", R"({"keys":[{"kty":"oct","k":"c2VjcmV0"}]})",
         "JWKS: keys[0]: symmetric (oct) keys do not belong in the key file"},
        {"OKP", R"({"keys":[{"kty":"OKP","crv":"Ed25519","x":"AA"}]})",
         "JWKS: keys[0]: unsupported kty \"OKP\" (RSA or EC expected)"},
        {"private RSA", "{\"keys\":[{" + rsa + R"(,"kid":"a","d":"AQAB"}]})",
         "JWKS: keys[0] (kid 'a'): private key material (\"d\") does not belong in the key file"},
        {"RSA without n", R"({"keys":[{"kty":"RSA","e":"AQAB"}]})", "JWKS: keys[0]: missing \"n\""},
        {"n padded", R"({"keys":[{"kty":"RSA","e":"AQAB","n":"AQAB=="}]})",
         "JWKS: keys[0]: \"n\" is not base64url without padding"},
        {"RSA with alg ES256", "{\"keys\":[{" + rsa + R"(,"alg":"ES256"}]})",
         "JWKS: keys[0]: alg \"ES256\" with an RSA key (only RS256 is supported)"},
        {"RSA with alg HS256", "{\"keys\":[{" + rsa + R"(,"alg":"HS256"}]})",
         "JWKS: keys[0]: alg \"HS256\" with an RSA key (only RS256 is supported)"},
        {"EC with alg RS256", "{\"keys\":[{" + ec + R"(,"alg":"RS256"}]})",
         "JWKS: keys[0]: alg \"RS256\" with an EC key (only ES256 is supported)"},
        {"use enc", "{\"keys\":[{" + rsa + R"(,"use":"enc"}]})", "JWKS: keys[0]: \"use\" is \"enc\", not \"sig\""},
        {"EC P-384", R"({"keys":[{"kty":"EC","crv":"P-384","x":"AA","y":"AA"}]})",
         "JWKS: keys[0]: curve \"P-384\" (only P-256 is supported)"},
        {"EC short x", R"({"keys":[{"kty":"EC","crv":"P-256","x":"AAAA","y":"AAAA"}]})",
         "JWKS: keys[0]: P-256 coordinates must be 32 bytes each"},
        {"EC point off the curve", "{\"keys\":[{" + ec_off_curve + "}]}", "JWKS: keys[0]: OpenSSL refused the EC key"},
        {"small RSA", "{\"keys\":[{" + test::JwkMembers(test::GenerateRsa(1024).get()) + "}]}",
         "JWKS: keys[0]: RSA key of 1024 bits (at least 2048 needed)"},
        {"duplicate kid", "{\"keys\":[{" + rsa + R"(,"kid":"a"},{)" + ec + R"(,"kid":"a"}]})",
         "JWKS: keys[1] (kid 'a'): duplicate kid 'a'"},
        {"kid with a newline", "{\"keys\":[{" + rsa + R"(,"kid":"a\nb"}]})",
         "JWKS: keys[0]: kid with a control or non-ASCII character"},
    };
    for (const Case& c : cases) {
        INFO(c.what);
        const std::string message = LoadError(c.content);
        if (c.what == "not JSON" || c.what == "EC point off the curve") {
            CHECK_THAT(message, Catch::Contains(c.message_end));
        } else {
            CHECK_THAT(message, Catch::EndsWith(c.message_end));
        }
    }
    CHECK_THROWS_WITH(ParseJwksKeySet("{}"), "auth: bad JWKS key set: a JWKS is an object with a \"keys\" array");
}

}  // namespace
}  // namespace auditrail::auth
