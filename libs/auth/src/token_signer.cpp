#include <openssl/core_names.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/rsa.h>

#include <auditrail/auth/token_signer.hpp>
#include <chrono>
#include <climits>
#include <stdexcept>
#include <string_view>
#include <utility>

#include <auditrail/common/base64url.hpp>
#include <auditrail/common/json.hpp>
#include "hmac_sha256.hpp"
#include "openssl_ptr.hpp"

namespace auditrail::auth {
namespace {

constexpr std::size_t kJtiBytes = 16;


void AppendStringClaim(std::string& out, std::string_view name, std::string_view value) {
    if (out.size() > 1) out.push_back(',');
    common::AppendJsonString(out, name);
    out.push_back(':');
    common::AppendJsonString(out, value);
}

void AppendNumberClaim(std::string& out, std::string_view name, std::int64_t value) {
    if (out.size() > 1) out.push_back(',');
    common::AppendJsonString(out, name);
    out.push_back(':');
    out += std::to_string(value);
}

std::string RandomJti() {
    unsigned char bytes[kJtiBytes];
    if (RAND_bytes(bytes, static_cast<int>(kJtiBytes)) != 1) throw std::runtime_error("auth: RAND_bytes failed");
    return common::Base64UrlEncode(std::string_view(reinterpret_cast<const char*>(bytes), kJtiBytes));
}

std::string Payload(const TokenRequest& request) {
    const std::int64_t now_s =
        request.now_s != 0
            ? request.now_s
            : std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch())
                  .count();
    std::string payload = "{";
    AppendStringClaim(payload, "iss", request.issuer);
    AppendStringClaim(payload, "aud", request.audience);
    AppendStringClaim(payload, "sub", request.sub);
    AppendStringClaim(payload, "tenant", request.tenant);
    AppendStringClaim(payload, "scope", request.scope);
    AppendNumberClaim(payload, "iat", now_s);
    AppendNumberClaim(payload, "exp", now_s + request.ttl_s);
    AppendStringClaim(payload, "jti", RandomJti());
    payload.push_back('}');
    return payload;
}

/// base64url(header) "." base64url(payload): what the signature covers.
std::string SigningInput(std::string_view alg, std::string_view kid, const TokenRequest& request) {
    std::string header = "{";
    AppendStringClaim(header, "alg", alg);
    AppendStringClaim(header, "typ", "JWT");
    if (!kid.empty()) AppendStringClaim(header, "kid", kid);
    header.push_back('}');
    return common::Base64UrlEncode(header) + "." + common::Base64UrlEncode(Payload(request));
}

std::string AppendSignature(std::string signing_input, std::string_view signature) {
    signing_input.push_back('.');
    signing_input += common::Base64UrlEncode(signature);
    return signing_input;
}

/// A private key is given unencrypted: a passphrase prompt must never reach the terminal.
int NoPassphrase(char*, int, int, void*) { return -1; }

/// Reads an unencrypted PEM private key and checks it is `type` ("RSA" of ≥ 2048 bits, or "EC" on P-256).
EvpPkeyPtr ReadPrivateKey(std::string_view pem, const char* type) {
    if (pem.size() > static_cast<std::size_t>(INT_MAX)) throw std::invalid_argument("auth: private key PEM too large");
    const BioPtr bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
    if (bio == nullptr) throw std::runtime_error("auth: BIO_new_mem_buf failed");
    EvpPkeyPtr pkey(PEM_read_bio_PrivateKey(bio.get(), nullptr, NoPassphrase, nullptr));
    ERR_clear_error();
    if (pkey == nullptr) throw std::invalid_argument("auth: not an unencrypted PEM private key");
    if (!EVP_PKEY_is_a(pkey.get(), type)) throw std::invalid_argument(std::string("auth: not an ") + type + " key");
    if (std::string_view(type) == "RSA" && EVP_PKEY_get_bits(pkey.get()) < 2048) {
        throw std::invalid_argument("auth: RSA key smaller than 2048 bits");
    }
    if (std::string_view(type) == "EC") {
        char group[80] = {};
        std::size_t length = 0;
        if (EVP_PKEY_get_utf8_string_param(pkey.get(), OSSL_PKEY_PARAM_GROUP_NAME, group, sizeof(group), &length) !=
                1 ||
            std::string_view(group, length) != "prime256v1") {
            ERR_clear_error();
            throw std::invalid_argument("auth: EC key not on P-256");
        }
    }
    return pkey;
}

/// EVP_DigestSign with SHA-256 (PKCS #1 v1.5 padding for RSA; DER ECDSA-Sig-Value for EC).
std::string DigestSign(EVP_PKEY* pkey, std::string_view data) {
    const EvpMdCtxPtr context(EVP_MD_CTX_new());
    EVP_PKEY_CTX* pkey_context = nullptr;  // owned by `context`
    std::size_t length = 0;
    bool ok = context != nullptr && EVP_DigestSignInit(context.get(), &pkey_context, EVP_sha256(), nullptr, pkey) == 1;
    if (ok && EVP_PKEY_is_a(pkey, "RSA")) ok = EVP_PKEY_CTX_set_rsa_padding(pkey_context, RSA_PKCS1_PADDING) == 1;
    const auto* bytes = reinterpret_cast<const unsigned char*>(data.data());
    ok = ok && EVP_DigestSign(context.get(), nullptr, &length, bytes, data.size()) == 1;
    std::string signature(length, '\0');
    ok = ok && EVP_DigestSign(context.get(), reinterpret_cast<unsigned char*>(signature.data()), &length, bytes,
                              data.size()) == 1;
    if (!ok) throw std::runtime_error("auth: signing failed: " + TakeOpenSslError());
    signature.resize(length);
    return signature;
}

/// DER ECDSA-Sig-Value to JOSE r||s, each left-padded to 32 bytes (RFC 7518 §3.4).
std::string DerToRawEcdsa(std::string_view der) {
    constexpr int kCoordinateBytes = 32;
    const auto* cursor = reinterpret_cast<const unsigned char*>(der.data());
    const EcdsaSigPtr signature(d2i_ECDSA_SIG(nullptr, &cursor, static_cast<long>(der.size())));
    if (signature == nullptr) throw std::runtime_error("auth: OpenSSL returned a bad ECDSA signature");
    std::string raw(2 * kCoordinateBytes, '\0');
    auto* out = reinterpret_cast<unsigned char*>(raw.data());
    if (BN_bn2binpad(ECDSA_SIG_get0_r(signature.get()), out, kCoordinateBytes) != kCoordinateBytes ||
        BN_bn2binpad(ECDSA_SIG_get0_s(signature.get()), out + kCoordinateBytes, kCoordinateBytes) != kCoordinateBytes) {
        throw std::runtime_error("auth: ECDSA signature does not fit P-256");
    }
    return raw;
}

}  // namespace

std::string SignHs256(const TokenRequest& request, const std::string& secret) {
    if (secret.empty()) throw std::invalid_argument("auth: the HS256 secret is empty");
    std::string token = SigningInput("HS256", {}, request);
    Sha256Digest signature;
    if (!HmacSha256(secret, token, signature)) throw std::runtime_error("auth: HMAC-SHA256 failed");
    return AppendSignature(std::move(token),
                           std::string_view(reinterpret_cast<const char*>(signature.data()), signature.size()));
}

std::string SignRs256(const TokenRequest& request, std::string_view private_key_pem, std::string_view kid) {
    const EvpPkeyPtr pkey = ReadPrivateKey(private_key_pem, "RSA");
    std::string token = SigningInput("RS256", kid, request);
    const std::string signature = DigestSign(pkey.get(), token);
    return AppendSignature(std::move(token), signature);
}

std::string SignEs256(const TokenRequest& request, std::string_view private_key_pem, std::string_view kid) {
    const EvpPkeyPtr pkey = ReadPrivateKey(private_key_pem, "EC");
    std::string token = SigningInput("ES256", kid, request);
    const std::string signature = DerToRawEcdsa(DigestSign(pkey.get(), token));
    return AppendSignature(std::move(token), signature);
}

}  // namespace auditrail::auth
