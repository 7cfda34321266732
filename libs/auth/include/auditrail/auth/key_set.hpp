#pragma once

#include <cstddef>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace auditrail::auth {

/// The JWS algorithms the verifier knows. Each key is configured for exactly one of them.
enum class KeyAlgorithm {
    kHs256,  ///< HMAC-SHA256 with a shared secret
    kRs256,  ///< RSASSA-PKCS1-v1_5 with SHA-256, RSA public key of at least 2048 bits
    kEs256,  ///< ECDSA on P-256 with SHA-256, signature as JOSE raw r||s (64 bytes)
};

/// "HS256", "RS256" or "ES256": the `alg` header value of the algorithm.
std::string_view AlgorithmName(KeyAlgorithm algorithm);

/// Verification keys selected by `kid` (JWS header), each bound to the one algorithm it was configured for.
///
/// Where keys come from:
/// - `LoadKeySet(path)`: a PEM file of `-----BEGIN PUBLIC KEY-----` blocks (RSA → RS256, P-256 → ES256),
///   or a JWKS file (`{"keys":[...]}` with `kty` RSA or EC/P-256); see `ParsePemKeySet` / `ParseJwksKeySet`.
/// - `AddHs256(kid, secret)`: an HMAC secret under a kid (the verifier's `JwtSettings::hs256_secret` is a
///   separate, kid-less key).
///
/// A key's `kid` is the name given in the file (`# kid: NAME` before a PEM block, `"kid"` in a JWK), or when
/// none is given its RFC 7638 JWK thumbprint (base64url SHA-256 of the canonical JWK), which is stable for
/// the key and is what `jwk thumbprint` tools print.
///
/// Key rotation: configure the old and the new key at once (both verify, each under its kid), move the
/// token issuer to the new key, wait for the old tokens to expire, then remove the old key from the file and
/// restart (or build a new JwtVerifier from the new set): from then on tokens of the old key are refused
/// ("unknown kid"), since a verifier's token cache does not outlive it.
///
/// Keys are immutable once added and shared between copies, so a KeySet is cheap to copy and a const
/// KeySet may be used from several threads at once.
class KeySet {
  public:
    struct Key;  ///< opaque; the verifier reads it

    KeySet();
    ~KeySet();
    KeySet(const KeySet&);
    KeySet& operator=(const KeySet&);
    KeySet(KeySet&&) noexcept;
    KeySet& operator=(KeySet&&) noexcept;

    /// Adds an HS256 key: the raw bytes of `secret`.
    /// @throws std::invalid_argument when `kid` or `secret` is empty, or `kid` is already taken.
    void AddHs256(std::string kid, std::string secret);

    /// Adds the public key of one `-----BEGIN PUBLIC KEY-----` PEM block (SubjectPublicKeyInfo): RSA (at
    /// least 2048 bits) becomes an RS256 key, EC P-256 an ES256 key. An empty `kid` means the RFC 7638
    /// thumbprint. Returns the kid used.
    /// @throws std::invalid_argument for anything else (another key type or curve, a private key, bad PEM)
    /// or a kid already taken.
    std::string AddPublicKeyPem(std::string kid, std::string_view pem);

    /// Removes the key `kid`; false when there was none.
    bool Remove(std::string_view kid);

    /// The algorithm of key `kid`, or nothing when there is no such key.
    std::optional<KeyAlgorithm> AlgorithmOf(std::string_view kid) const;

    /// The kids, sorted.
    std::vector<std::string> Kids() const;

    std::size_t Size() const { return keys_.size(); }
    bool Empty() const { return keys_.empty(); }

  private:
    friend struct KeySetAccess;

    void Insert(std::string kid, std::shared_ptr<const Key> key);

    std::map<std::string, std::shared_ptr<const Key>, std::less<>> keys_;
};

/// Reads a PEM or a JWKS file (told apart by content: JWKS starts with `{`).
/// @throws std::runtime_error with one line naming the file and the problem (unreadable, empty, malformed,
/// unsupported key, private key material, duplicate kid, no key at all).
KeySet LoadKeySet(const std::string& path);

/// One or more `-----BEGIN PUBLIC KEY-----` blocks. Blank lines and lines starting with `#` may surround
/// them; a comment `# kid: NAME` names the block that follows it (else the kid is the RFC 7638 thumbprint).
/// Any other text, any other PEM block type (private keys, certificates, PKCS#1 `RSA PUBLIC KEY`) is refused.
/// @throws std::runtime_error with one line saying what is wrong and on which line.
KeySet ParsePemKeySet(std::string_view text);

/// A JWK Set (RFC 7517 §5): `{"keys":[...]}`. Each key: `kty` "RSA" with `n`, `e`, or `kty` "EC" with
/// `crv` "P-256", `x`, `y` (base64url, no padding); optional `kid` (else the RFC 7638 thumbprint), `alg`
/// (must then be RS256 for RSA, ES256 for EC) and `use` (must then be "sig"). Private members (`d`, ...),
/// symmetric (`oct`) keys and other key types are refused.
/// @throws std::runtime_error with one line saying what is wrong and for which key.
KeySet ParseJwksKeySet(std::string_view text);

}  // namespace auditrail::auth
