#include <openssl/err.h>
#include <openssl/pem.h>

#include <auditrail/auth/signing_key.hpp>
#include <climits>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "openssl_ptr.hpp"

namespace auditrail::auth {
namespace {

int NoPassphrase(char*, int, int, void*) { return -1; }

/// RS256 or ES256 by the key's type; the Sign* functions check size and curve.
std::string AlgorithmOfPrivateKey(std::string_view pem) {
    if (pem.size() > static_cast<std::size_t>(INT_MAX)) throw std::invalid_argument("auth: private key PEM too large");
    const BioPtr bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
    if (bio == nullptr) throw std::runtime_error("auth: BIO_new_mem_buf failed");
    const EvpPkeyPtr pkey(PEM_read_bio_PrivateKey(bio.get(), nullptr, NoPassphrase, nullptr));
    ERR_clear_error();
    if (pkey == nullptr) throw std::invalid_argument("auth: not an unencrypted PEM private key");
    if (EVP_PKEY_is_a(pkey.get(), "RSA")) return "RS256";
    if (EVP_PKEY_is_a(pkey.get(), "EC")) return "ES256";
    throw std::invalid_argument("auth: the private key is neither RSA nor EC");
}

}  // namespace

SigningKey SigningKey::Hs256(std::string secret) {
    SigningKey key;
    if (secret.empty()) return key;
    key.algorithm_ = "HS256";
    key.material_ = std::move(secret);
    return key;
}

SigningKey SigningKey::FromPrivateKeyPem(std::string pem, std::string kid) {
    SigningKey key;
    key.algorithm_ = AlgorithmOfPrivateKey(pem);
    key.material_ = std::move(pem);
    key.kid_ = std::move(kid);
    key.Sign(TokenRequest{});  // refuses a small RSA key or another curve now rather than at the first sign-in
    return key;
}

SigningKey SigningKey::FromPrivateKeyFile(const std::string& path, std::string kid) {
    std::ifstream file(path, std::ios::binary);
    std::ostringstream pem;
    pem << file.rdbuf();
    if (!file) throw std::invalid_argument("cannot read " + path);
    return FromPrivateKeyPem(pem.str(), std::move(kid));
}

std::string SigningKey::Sign(const TokenRequest& request) const {
    if (algorithm_ == "HS256") return SignHs256(request, material_);
    if (algorithm_ == "RS256") return SignRs256(request, material_, kid_);
    if (algorithm_ == "ES256") return SignEs256(request, material_, kid_);
    throw std::logic_error("auth: no signing key configured");
}

}  // namespace auditrail::auth
