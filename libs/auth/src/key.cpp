#include "key.hpp"

#include <openssl/core_names.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>

#include <algorithm>
#include <array>
#include <climits>
#include <stdexcept>
#include <utility>

#include <auditrail/common/base64url.hpp>
#include "hmac_sha256.hpp"

namespace auditrail::auth {
namespace {

/// NIST SP 800-131A and RFC 7518 §3.3: RSA keys below 2048 bits are refused.
constexpr int kMinRsaBits = 2048;
constexpr std::size_t kP256CoordinateBytes = 32;
constexpr std::string_view kP256GroupName = "prime256v1";

/// Public keys are never encrypted: a passphrase prompt must never reach the terminal.
int NoPassphrase(char*, int, int, void*) { return -1; }

std::string GroupName(const EVP_PKEY* pkey) {
    char name[80] = {};
    std::size_t length = 0;
    if (EVP_PKEY_get_utf8_string_param(pkey, OSSL_PKEY_PARAM_GROUP_NAME, name, sizeof(name), &length) != 1) {
        return {};
    }
    return std::string(name, length);
}

/// Binds a decoded public key to its algorithm after checking it is one we accept.
KeyPtr CheckPublicKey(EvpPkeyPtr pkey) {
    auto key = std::make_shared<KeySet::Key>();
    if (EVP_PKEY_is_a(pkey.get(), "RSA")) {
        if (EVP_PKEY_get_bits(pkey.get()) < kMinRsaBits) {
            throw std::invalid_argument("RSA key of " + std::to_string(EVP_PKEY_get_bits(pkey.get())) +
                                        " bits (at least 2048 needed)");
        }
        key->algorithm = KeyAlgorithm::kRs256;
    } else if (EVP_PKEY_is_a(pkey.get(), "EC")) {
        const std::string group = GroupName(pkey.get());
        if (group != kP256GroupName) {
            throw std::invalid_argument("EC key on curve '" + group + "' (only P-256 is supported)");
        }
        key->algorithm = KeyAlgorithm::kEs256;
    } else {
        const char* type = EVP_PKEY_get0_type_name(pkey.get());
        throw std::invalid_argument(std::string("unsupported key type '") + (type != nullptr ? type : "?") +
                                    "' (RSA or EC P-256 expected)");
    }
    // RSA: n odd and composite, e odd and in range; EC: the point is on the curve and of the right order.
    const EvpPkeyCtxPtr context(EVP_PKEY_CTX_new_from_pkey(nullptr, pkey.get(), nullptr));
    if (context == nullptr || EVP_PKEY_public_check(context.get()) != 1) {
        ERR_clear_error();
        throw std::invalid_argument("the public key fails OpenSSL's public key check");
    }
    key->public_key = std::move(pkey);
    return key;
}

BignumPtr ToBignum(std::string_view bytes) {
    BignumPtr number(
        BN_bin2bn(reinterpret_cast<const unsigned char*>(bytes.data()), static_cast<int>(bytes.size()), nullptr));
    if (number == nullptr) throw std::runtime_error("BN_bin2bn failed");
    return number;
}

/// Builds a public EVP_PKEY of `type` ("RSA", "EC") from `params` (EVP_PKEY_fromdata).
EvpPkeyPtr FromParams(const char* type, const OSSL_PARAM* params) {
    const EvpPkeyCtxPtr context(EVP_PKEY_CTX_new_from_name(nullptr, type, nullptr));
    EVP_PKEY* raw = nullptr;
    if (context == nullptr || EVP_PKEY_fromdata_init(context.get()) != 1 ||
        EVP_PKEY_fromdata(context.get(), &raw, EVP_PKEY_PUBLIC_KEY, const_cast<OSSL_PARAM*>(params)) != 1) {
        const std::string error = TakeOpenSslError();
        throw std::invalid_argument(std::string("OpenSSL refused the ") + type + " key" +
                                    (error.empty() ? "" : " (" + error + ")"));
    }
    return EvpPkeyPtr(raw);
}

/// Big-endian bytes of a BIGNUM parameter of `pkey`, at least `min_bytes` long (left-padded with zeros).
std::string BignumParam(const EVP_PKEY* pkey, const char* name, int min_bytes = 0) {
    BIGNUM* raw = nullptr;
    if (EVP_PKEY_get_bn_param(pkey, name, &raw) != 1) {
        ERR_clear_error();
        throw std::runtime_error(std::string("cannot read key parameter ") + name);
    }
    const BignumPtr number(raw);
    const int length = std::max(BN_num_bytes(number.get()), min_bytes);
    std::string bytes(static_cast<std::size_t>(length), '\0');
    BN_bn2binpad(number.get(), reinterpret_cast<unsigned char*>(bytes.data()), length);
    return bytes;
}

std::string_view AsChars(const unsigned char* data, std::size_t size) {
    return std::string_view(reinterpret_cast<const char*>(data), size);
}

/// EVP_DigestVerify with SHA-256; RSA keys use PKCS #1 v1.5 padding, EC keys take a DER ECDSA-Sig-Value.
bool DigestVerify(EVP_PKEY* pkey, std::string_view signing_input, std::string_view signature) {
    const EvpMdCtxPtr context(EVP_MD_CTX_new());
    EVP_PKEY_CTX* pkey_context = nullptr;  // owned by `context`
    bool ok =
        context != nullptr && EVP_DigestVerifyInit(context.get(), &pkey_context, EVP_sha256(), nullptr, pkey) == 1;
    if (ok && EVP_PKEY_is_a(pkey, "RSA")) ok = EVP_PKEY_CTX_set_rsa_padding(pkey_context, RSA_PKCS1_PADDING) == 1;
    ok = ok &&
         EVP_DigestVerify(context.get(), reinterpret_cast<const unsigned char*>(signature.data()), signature.size(),
                          reinterpret_cast<const unsigned char*>(signing_input.data()), signing_input.size()) == 1;
    // A bad signature leaves errors on this thread's queue: do not let them pile up for the next caller.
    if (!ok) ERR_clear_error();
    return ok;
}

/// JOSE ES256 signature (RFC 7518 §3.4: r and s, 32 bytes each, big-endian) to the DER form OpenSSL verifies.
bool RawEcdsaToDer(std::string_view raw, std::string& der) {
    if (raw.size() != 2 * kP256CoordinateBytes) return false;
    EcdsaSigPtr signature(ECDSA_SIG_new());
    BIGNUM* r = BN_bin2bn(reinterpret_cast<const unsigned char*>(raw.data()), kP256CoordinateBytes, nullptr);
    BIGNUM* s = BN_bin2bn(reinterpret_cast<const unsigned char*>(raw.data()) + kP256CoordinateBytes,
                          kP256CoordinateBytes, nullptr);
    if (signature == nullptr || r == nullptr || s == nullptr || ECDSA_SIG_set0(signature.get(), r, s) != 1) {
        BN_free(r);
        BN_free(s);
        return false;
    }
    const int length = i2d_ECDSA_SIG(signature.get(), nullptr);
    if (length <= 0) return false;
    der.resize(static_cast<std::size_t>(length));
    unsigned char* out = reinterpret_cast<unsigned char*>(der.data());
    return i2d_ECDSA_SIG(signature.get(), &out) == length;
}

void AppendMember(std::string& json, std::string_view name, std::string_view value) {
    json += json.empty() ? "{" : ",";
    json += '"';
    json += name;
    json += "\":\"";
    json += value;
    json += '"';
}

}  // namespace

const KeySet::Key* KeySetAccess::Find(const KeySet& keys, std::string_view kid) {
    const auto it = keys.keys_.find(kid);
    return it == keys.keys_.end() ? nullptr : it->second.get();
}

KeyPtr KeySetAccess::Only(const KeySet& keys) { return keys.keys_.size() == 1 ? keys.keys_.begin()->second : nullptr; }

void KeySetAccess::Insert(KeySet& keys, std::string kid, KeyPtr key) { keys.Insert(std::move(kid), std::move(key)); }

KeyPtr MakeHs256Key(std::string secret) {
    if (secret.empty()) throw std::invalid_argument("the HS256 secret is empty");
    auto key = std::make_shared<KeySet::Key>();
    key->algorithm = KeyAlgorithm::kHs256;
    key->secret = std::move(secret);
    return key;
}

KeyPtr PublicKeyFromPem(std::string_view pem) {
    if (pem.size() > static_cast<std::size_t>(INT_MAX)) throw std::invalid_argument("PEM block too large");
    const BioPtr bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
    if (bio == nullptr) throw std::runtime_error("BIO_new_mem_buf failed");
    EvpPkeyPtr pkey(PEM_read_bio_PUBKEY(bio.get(), nullptr, NoPassphrase, nullptr));
    if (pkey == nullptr) {
        ERR_clear_error();
        throw std::invalid_argument("not a valid PUBLIC KEY block (bad base64 or DER)");
    }
    return CheckPublicKey(std::move(pkey));
}

KeyPtr RsaKeyFromComponents(std::string_view n, std::string_view e) {
    if (n.empty() || e.empty()) throw std::invalid_argument("empty RSA modulus or exponent");
    const BignumPtr modulus = ToBignum(n);
    const BignumPtr exponent = ToBignum(e);
    const ParamBldPtr builder(OSSL_PARAM_BLD_new());
    if (builder == nullptr || OSSL_PARAM_BLD_push_BN(builder.get(), OSSL_PKEY_PARAM_RSA_N, modulus.get()) != 1 ||
        OSSL_PARAM_BLD_push_BN(builder.get(), OSSL_PKEY_PARAM_RSA_E, exponent.get()) != 1) {
        throw std::runtime_error("OSSL_PARAM_BLD failed");
    }
    const ParamsPtr params(OSSL_PARAM_BLD_to_param(builder.get()));
    if (params == nullptr) throw std::runtime_error("OSSL_PARAM_BLD_to_param failed");
    return CheckPublicKey(FromParams("RSA", params.get()));
}

KeyPtr P256KeyFromCoordinates(std::string_view x, std::string_view y) {
    if (x.size() != kP256CoordinateBytes || y.size() != kP256CoordinateBytes) {
        throw std::invalid_argument("P-256 coordinates must be 32 bytes each");
    }
    // SEC 1 §2.3.3 uncompressed point: 0x04 || x || y.
    std::array<unsigned char, 1 + 2 * kP256CoordinateBytes> point{};
    point[0] = 0x04;
    std::copy(x.begin(), x.end(), point.begin() + 1);
    std::copy(y.begin(), y.end(), point.begin() + 1 + kP256CoordinateBytes);
    const ParamBldPtr builder(OSSL_PARAM_BLD_new());
    if (builder == nullptr ||
        OSSL_PARAM_BLD_push_utf8_string(builder.get(), OSSL_PKEY_PARAM_GROUP_NAME, kP256GroupName.data(), 0) != 1 ||
        OSSL_PARAM_BLD_push_octet_string(builder.get(), OSSL_PKEY_PARAM_PUB_KEY, point.data(), point.size()) != 1) {
        throw std::runtime_error("OSSL_PARAM_BLD failed");
    }
    const ParamsPtr params(OSSL_PARAM_BLD_to_param(builder.get()));
    if (params == nullptr) throw std::runtime_error("OSSL_PARAM_BLD_to_param failed");
    return CheckPublicKey(FromParams("EC", params.get()));
}

std::string Thumbprint(const KeySet::Key& key) {
    // RFC 7638 §3.2: the required members only, in lexicographic order, no whitespace.
    std::string json;
    const EVP_PKEY* pkey = key.public_key.get();
    switch (key.algorithm) {
        case KeyAlgorithm::kRs256:
            AppendMember(json, "e", common::Base64UrlEncode(BignumParam(pkey, OSSL_PKEY_PARAM_RSA_E)));
            AppendMember(json, "kty", "RSA");
            AppendMember(json, "n", common::Base64UrlEncode(BignumParam(pkey, OSSL_PKEY_PARAM_RSA_N)));
            break;
        case KeyAlgorithm::kEs256:
            AppendMember(json, "crv", "P-256");
            AppendMember(json, "kty", "EC");
            AppendMember(json, "x", common::Base64UrlEncode(BignumParam(pkey, OSSL_PKEY_PARAM_EC_PUB_X, kP256CoordinateBytes)));
            AppendMember(json, "y", common::Base64UrlEncode(BignumParam(pkey, OSSL_PKEY_PARAM_EC_PUB_Y, kP256CoordinateBytes)));
            break;
        case KeyAlgorithm::kHs256:
            throw std::invalid_argument("an HS256 key has no thumbprint here");
    }
    json += '}';
    std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
    unsigned int length = 0;
    if (EVP_Digest(json.data(), json.size(), digest.data(), &length, EVP_sha256(), nullptr) != 1) {
        ERR_clear_error();
        throw std::runtime_error("SHA-256 failed");
    }
    return common::Base64UrlEncode(AsChars(digest.data(), length));
}

bool VerifySignature(const KeySet::Key& key, std::string_view signing_input, std::string_view signature) {
    switch (key.algorithm) {
        case KeyAlgorithm::kHs256: {
            Sha256Digest expected;
            return HmacSha256(key.secret, signing_input, expected) && DigestEquals(expected, signature);
        }
        case KeyAlgorithm::kRs256:
            // PKCS #1 v1.5 signatures are exactly as long as the modulus (RFC 8017 §8.2.2).
            if (signature.size() != static_cast<std::size_t>(EVP_PKEY_get_size(key.public_key.get()))) return false;
            return DigestVerify(key.public_key.get(), signing_input, signature);
        case KeyAlgorithm::kEs256: {
            // Never a DER signature: JWS (RFC 7515 §A.3) carries r||s; any other length is refused.
            std::string der;
            if (!RawEcdsaToDer(signature, der)) return false;
            return DigestVerify(key.public_key.get(), signing_input, der);
        }
    }
    return false;
}

}  // namespace auditrail::auth
