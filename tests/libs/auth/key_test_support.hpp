#pragma once

// Key pairs, key files and hand-signed RS256 / ES256 tokens for the key set tests. Everything here is
// done with OpenSSL directly (keygen, PEM, JWK members, signatures, r||s), so the tests do not only check
// the library against itself.

#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>
#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>

#include "libs/auth/jwt_test_support.hpp"

namespace auditrail::auth::test {

struct PkeyFree {
    void operator()(EVP_PKEY* pkey) const { EVP_PKEY_free(pkey); }
};
using Pkey = std::unique_ptr<EVP_PKEY, PkeyFree>;

inline Pkey GenerateRsa(unsigned int bits = 2048) {
    Pkey pkey(EVP_PKEY_Q_keygen(nullptr, nullptr, "RSA", static_cast<std::size_t>(bits)));
    if (pkey == nullptr) throw std::runtime_error("RSA keygen failed");
    return pkey;
}

inline Pkey GenerateEc(const char* curve = "P-256") {
    Pkey pkey(EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", curve));
    if (pkey == nullptr) throw std::runtime_error("EC keygen failed");
    return pkey;
}

/// Key pairs made once per test run (RSA-2048 generation is slow).
struct TestKeys {
    Pkey rsa_old = GenerateRsa();
    Pkey rsa_new = GenerateRsa();
    Pkey ec_old = GenerateEc();
    Pkey ec_new = GenerateEc();
};

inline const TestKeys& Keys() {
    static const TestKeys keys;
    return keys;
}

inline std::string ReadBio(BIO* bio) {
    char* data = nullptr;
    const long length = BIO_get_mem_data(bio, &data);
    std::string text(data, static_cast<std::size_t>(length));
    BIO_free(bio);
    return text;
}

/// SubjectPublicKeyInfo PEM ("-----BEGIN PUBLIC KEY-----").
inline std::string PublicPem(EVP_PKEY* pkey) {
    BIO* bio = BIO_new(BIO_s_mem());
    PEM_write_bio_PUBKEY(bio, pkey);
    return ReadBio(bio);
}

/// Unencrypted PKCS #8 PEM ("-----BEGIN PRIVATE KEY-----").
inline std::string PrivatePem(EVP_PKEY* pkey) {
    BIO* bio = BIO_new(BIO_s_mem());
    PEM_write_bio_PrivateKey(bio, pkey, nullptr, nullptr, 0, nullptr, nullptr);
    return ReadBio(bio);
}

/// Big-endian bytes of a BIGNUM key parameter, left-padded to `min_bytes`.
inline std::string BnParam(EVP_PKEY* pkey, const char* name, int min_bytes = 0) {
    BIGNUM* bn = nullptr;
    if (EVP_PKEY_get_bn_param(pkey, name, &bn) != 1) throw std::runtime_error("no such key parameter");
    const int length = std::max(BN_num_bytes(bn), min_bytes);
    std::string bytes(static_cast<std::size_t>(length), '\0');
    BN_bn2binpad(bn, reinterpret_cast<unsigned char*>(bytes.data()), length);
    BN_free(bn);
    return bytes;
}

/// The JWK members of a public key, without braces: `"kty":"RSA","n":..,"e":..` or `"kty":"EC",...`.
inline std::string JwkMembers(EVP_PKEY* pkey) {
    if (EVP_PKEY_is_a(pkey, "RSA")) {
        return R"("kty":"RSA","n":")" + B64Url(BnParam(pkey, OSSL_PKEY_PARAM_RSA_N)) + R"(","e":")" +
               B64Url(BnParam(pkey, OSSL_PKEY_PARAM_RSA_E)) + "\"";
    }
    return R"("kty":"EC","crv":"P-256","x":")" + B64Url(BnParam(pkey, OSSL_PKEY_PARAM_EC_PUB_X, 32)) + R"(","y":")" +
           B64Url(BnParam(pkey, OSSL_PKEY_PARAM_EC_PUB_Y, 32)) + "\"";
}

/// RFC 7638 thumbprint computed here, from the key's parameters.
inline std::string ExpectedThumbprint(EVP_PKEY* pkey) {
    std::string json;
    if (EVP_PKEY_is_a(pkey, "RSA")) {
        json = R"({"e":")" + B64Url(BnParam(pkey, OSSL_PKEY_PARAM_RSA_E)) + R"(","kty":"RSA","n":")" +
               B64Url(BnParam(pkey, OSSL_PKEY_PARAM_RSA_N)) + "\"}";
    } else {
        json = R"({"crv":"P-256","kty":"EC","x":")" + B64Url(BnParam(pkey, OSSL_PKEY_PARAM_EC_PUB_X, 32)) +
               R"(","y":")" + B64Url(BnParam(pkey, OSSL_PKEY_PARAM_EC_PUB_Y, 32)) + "\"}";
    }
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    EVP_Digest(json.data(), json.size(), digest, &length, EVP_sha256(), nullptr);
    return B64Url(std::string_view(reinterpret_cast<const char*>(digest), length));
}

/// SHA-256 signature of `data` by a private key as OpenSSL makes it: PKCS #1 v1.5 for RSA, DER for EC.
inline std::string SignWithOpenSsl(EVP_PKEY* pkey, std::string_view data) {
    EVP_MD_CTX* context = EVP_MD_CTX_new();
    std::size_t length = 0;
    EVP_DigestSignInit(context, nullptr, EVP_sha256(), nullptr, pkey);
    const auto* bytes = reinterpret_cast<const unsigned char*>(data.data());
    EVP_DigestSign(context, nullptr, &length, bytes, data.size());
    std::string signature(length, '\0');
    EVP_DigestSign(context, reinterpret_cast<unsigned char*>(signature.data()), &length, bytes, data.size());
    EVP_MD_CTX_free(context);
    signature.resize(length);
    return signature;
}

/// DER ECDSA-Sig-Value to JOSE r||s (32 + 32 bytes).
inline std::string DerToRaw(std::string_view der) {
    const auto* cursor = reinterpret_cast<const unsigned char*>(der.data());
    ECDSA_SIG* signature = d2i_ECDSA_SIG(nullptr, &cursor, static_cast<long>(der.size()));
    std::string raw(64, '\0');
    BN_bn2binpad(ECDSA_SIG_get0_r(signature), reinterpret_cast<unsigned char*>(raw.data()), 32);
    BN_bn2binpad(ECDSA_SIG_get0_s(signature), reinterpret_cast<unsigned char*>(raw.data()) + 32, 32);
    ECDSA_SIG_free(signature);
    return raw;
}

/// JOSE r||s to DER, for checking the library's ES256 signatures with OpenSSL.
inline std::string RawToDer(std::string_view raw) {
    ECDSA_SIG* signature = ECDSA_SIG_new();
    ECDSA_SIG_set0(signature, BN_bin2bn(reinterpret_cast<const unsigned char*>(raw.data()), 32, nullptr),
                   BN_bin2bn(reinterpret_cast<const unsigned char*>(raw.data()) + 32, 32, nullptr));
    unsigned char* der = nullptr;
    const int length = i2d_ECDSA_SIG(signature, &der);
    std::string out(reinterpret_cast<const char*>(der), static_cast<std::size_t>(length));
    OPENSSL_free(der);
    ECDSA_SIG_free(signature);
    return out;
}

inline bool VerifyWithOpenSsl(EVP_PKEY* pkey, std::string_view data, std::string_view signature) {
    EVP_MD_CTX* context = EVP_MD_CTX_new();
    EVP_DigestVerifyInit(context, nullptr, EVP_sha256(), nullptr, pkey);
    const int ok = EVP_DigestVerify(context, reinterpret_cast<const unsigned char*>(signature.data()), signature.size(),
                                    reinterpret_cast<const unsigned char*>(data.data()), data.size());
    EVP_MD_CTX_free(context);
    return ok == 1;
}

/// header.payload.signature with the raw `signature` bytes given.
inline std::string TokenWithSignature(std::string_view header_json, std::string_view payload_json,
                                      std::string_view signature) {
    return B64Url(header_json) + "." + B64Url(payload_json) + "." + B64Url(signature);
}

/// A JWS signed by `pkey` whatever the header says: RS256-style for RSA keys, ES256 r||s for EC keys.
inline std::string SignedToken(EVP_PKEY* pkey, std::string_view header_json, std::string_view payload_json = {}) {
    const std::string payload = payload_json.empty() ? Payload() : std::string(payload_json);
    const std::string signing_input = B64Url(header_json) + "." + B64Url(payload);
    std::string signature = SignWithOpenSsl(pkey, signing_input);
    if (EVP_PKEY_is_a(pkey, "EC")) signature = DerToRaw(signature);
    return signing_input + "." + B64Url(signature);
}

/// `{"alg":ALG,"typ":"JWT","kid":KID}` (no kid member when `kid` is empty).
inline std::string Header(std::string_view alg, std::string_view kid = {}) {
    std::string header = R"({"alg":")" + std::string(alg) + R"(","typ":"JWT")";
    if (!kid.empty()) header += R"(,"kid":")" + std::string(kid) + "\"";
    return header + "}";
}

/// A fresh directory under the system's temporary one, removed with everything in it at the end.
class TempDir {
  public:
    TempDir() {
        std::string pattern = (std::filesystem::temp_directory_path() / "auditrail-auth-XXXXXX").string();
        if (mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
        path_ = pattern;
    }
    ~TempDir() {
        std::error_code ignored;
        std::filesystem::remove_all(path_, ignored);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;

    /// Writes `content` to `name` in the directory and returns the file's path.
    std::string Write(const std::string& name, std::string_view content) const {
        const std::filesystem::path file = path_ / name;
        std::ofstream out(file, std::ios::binary | std::ios::trunc);
        out.write(content.data(), static_cast<std::streamsize>(content.size()));
        return file.string();
    }

    const std::filesystem::path& Path() const { return path_; }

  private:
    std::filesystem::path path_;
};

}  // namespace auditrail::auth::test
