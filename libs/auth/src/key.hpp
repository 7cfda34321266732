#pragma once

#include <auditrail/auth/key_set.hpp>
#include <memory>
#include <string>
#include <string_view>

#include "openssl_ptr.hpp"

namespace auditrail::auth {

/// One verification key: an HMAC secret (HS256) or a checked public key (RS256: RSA ≥ 2048 bits;
/// ES256: EC P-256). Immutable once built; OpenSSL allows one EVP_PKEY to verify on several threads.
struct KeySet::Key {
    KeyAlgorithm algorithm = KeyAlgorithm::kHs256;
    std::string secret;     ///< HS256 only
    EvpPkeyPtr public_key;  ///< RS256 / ES256 only
};

using KeyPtr = std::shared_ptr<const KeySet::Key>;

/// The library's own way into a KeySet.
struct KeySetAccess {
    /// The key `kid`, or null.
    static const KeySet::Key* Find(const KeySet& keys, std::string_view kid);
    /// The key when the set holds exactly one, else null.
    static KeyPtr Only(const KeySet& keys);
    /// @throws std::invalid_argument when `kid` is empty or taken.
    static void Insert(KeySet& keys, std::string kid, KeyPtr key);
};

/// @throws std::invalid_argument when `secret` is empty.
KeyPtr MakeHs256Key(std::string secret);

/// The public key of one SubjectPublicKeyInfo PEM block, checked (type, size, curve, OpenSSL's public check).
/// @throws std::invalid_argument with a short reason.
KeyPtr PublicKeyFromPem(std::string_view pem);

/// An RSA public key from the big-endian bytes of its modulus and exponent (JWK `n`, `e`), checked.
/// @throws std::invalid_argument with a short reason.
KeyPtr RsaKeyFromComponents(std::string_view n, std::string_view e);

/// A P-256 public key from the 32-byte big-endian coordinates of its point (JWK `x`, `y`), checked.
/// @throws std::invalid_argument with a short reason.
KeyPtr P256KeyFromCoordinates(std::string_view x, std::string_view y);

/// RFC 7638 JWK thumbprint (SHA-256, base64url) of a public key.
/// @throws std::runtime_error when OpenSSL fails, std::invalid_argument for an HS256 key.
std::string Thumbprint(const KeySet::Key& key);

/// True when `signature` (the decoded third part of a JWS) is `key`'s valid signature of `signing_input`
/// under the key's algorithm. ES256 signatures must be exactly 64 bytes (r||s); RS256 ones exactly the
/// modulus size.
bool VerifySignature(const KeySet::Key& key, std::string_view signing_input, std::string_view signature);

}  // namespace auditrail::auth
