#include <auditrail/auth/jwt_verifier.hpp>
#include <auditrail/auth/key_set.hpp>
#include <auditrail/auth/token_signer.hpp>
#include <catch2/catch.hpp>
#include <stdexcept>
#include <string>

#include "libs/auth/jwt_test_support.hpp"
#include "libs/auth/key_test_support.hpp"

namespace auditrail::auth {
namespace {

using test::Keys;
using test::kNow;
using test::PrivatePem;

TokenRequest Request() {
    TokenRequest request;
    request.tenant = "acme";
    request.scope = "events:write";
    request.now_s = kNow;
    return request;
}

struct Parts {
    std::string header;
    std::string payload;
    std::string signing_input;
    std::string signature;
};

Parts Split(const std::string& token) {
    const std::size_t first = token.find('.');
    const std::size_t last = token.rfind('.');
    return {test::B64UrlDecode(token.substr(0, first)), test::B64UrlDecode(token.substr(first + 1, last - first - 1)),
            token.substr(0, last), test::B64UrlDecode(token.substr(last + 1))};
}

TEST_CASE("SignRs256 writes an RS256 header with the kid and a PKCS #1 v1.5 signature OpenSSL accepts",
          "[auth][signer][keys]") {
    const Parts parts = Split(SignRs256(Request(), PrivatePem(Keys().rsa_old.get()), "2026-01"));
    CHECK(parts.header == R"({"alg":"RS256","typ":"JWT","kid":"2026-01"})");
    CHECK(parts.payload.find(R"("tenant":"acme")") != std::string::npos);
    CHECK(parts.signature.size() == 256);
    CHECK(test::VerifyWithOpenSsl(Keys().rsa_old.get(), parts.signing_input, parts.signature));
    CHECK_FALSE(test::VerifyWithOpenSsl(Keys().rsa_new.get(), parts.signing_input, parts.signature));

    CHECK(Split(SignRs256(Request(), PrivatePem(Keys().rsa_old.get()))).header == R"({"alg":"RS256","typ":"JWT"})");
}

TEST_CASE("SignEs256 writes an ES256 header and a 64-byte r||s signature", "[auth][signer][keys]") {
    const Parts parts = Split(SignEs256(Request(), PrivatePem(Keys().ec_old.get()), "ec-1"));
    CHECK(parts.header == R"({"alg":"ES256","typ":"JWT","kid":"ec-1"})");
    REQUIRE(parts.signature.size() == 64);
    CHECK(test::VerifyWithOpenSsl(Keys().ec_old.get(), parts.signing_input, test::RawToDer(parts.signature)));
    CHECK_FALSE(test::VerifyWithOpenSsl(Keys().ec_new.get(), parts.signing_input, test::RawToDer(parts.signature)));
}

TEST_CASE("a kid is JSON-escaped in the header and matched exactly", "[auth][signer][keys]") {
    const std::string kid = "key \"2026\" \\ 01";
    const std::string token = SignEs256(Request(), PrivatePem(Keys().ec_old.get()), kid);
    CHECK(Split(token).header == R"({"alg":"ES256","typ":"JWT","kid":"key \"2026\" \\ 01"})");
    KeySet keys;
    keys.AddPublicKeyPem(kid, test::PublicPem(Keys().ec_old.get()));
    JwtSettings settings;
    const JwtVerifier verifier(settings, std::move(keys));
    CHECK(verifier.Verify(test::Bearer(token), kNow).status == VerifyStatus::kOk);
}

TEST_CASE("SignRs256 and SignEs256 refuse keys of the wrong kind", "[auth][signer][keys]") {
    const std::string rsa = PrivatePem(Keys().rsa_old.get());
    const std::string ec = PrivatePem(Keys().ec_old.get());
    CHECK_THROWS_AS(SignRs256(Request(), ec), std::invalid_argument);
    CHECK_THROWS_AS(SignEs256(Request(), rsa), std::invalid_argument);
    CHECK_THROWS_AS(SignRs256(Request(), test::PublicPem(Keys().rsa_old.get())), std::invalid_argument);
    CHECK_THROWS_AS(SignRs256(Request(), "not a key"), std::invalid_argument);
    CHECK_THROWS_AS(SignRs256(Request(), PrivatePem(test::GenerateRsa(1024).get())), std::invalid_argument);
    CHECK_THROWS_AS(SignEs256(Request(), PrivatePem(test::GenerateEc("P-384").get())), std::invalid_argument);

    // An encrypted key is refused without asking for a passphrase on the terminal.
    BIO* bio = BIO_new(BIO_s_mem());
    const char passphrase[] = "passphrase";
    PEM_write_bio_PrivateKey(bio, Keys().rsa_old.get(), EVP_aes_256_cbc(),
                             reinterpret_cast<const unsigned char*>(passphrase), sizeof(passphrase) - 1, nullptr,
                             nullptr);
    const std::string encrypted = test::ReadBio(bio);
    REQUIRE(encrypted.find("ENCRYPTED") != std::string::npos);
    CHECK_THROWS_AS(SignRs256(Request(), encrypted), std::invalid_argument);
}

}  // namespace
}  // namespace auditrail::auth
