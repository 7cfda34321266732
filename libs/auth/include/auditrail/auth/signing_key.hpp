#pragma once

#include <auditrail/auth/token_signer.hpp>
#include <string>
#include <string_view>

namespace auditrail::auth {

/// The key that a token issuer (the token endpoint, sign-in) signs with: the HS256 secret, or an RSA or
/// P-256 private key whose algorithm (RS256 or ES256) is told from the key itself. Empty: nothing can be
/// signed.
class SigningKey {
  public:
    SigningKey() = default;

    /// HS256 with `secret` (empty: an empty SigningKey).
    static SigningKey Hs256(std::string secret);

    /// RS256 or ES256 with an unencrypted PEM private key; tokens carry `kid` (so verifiers that hold
    /// several public keys pick the right one).
    /// @throws std::invalid_argument when the PEM is no RSA key of ≥ 2048 bits nor a P-256 key.
    static SigningKey FromPrivateKeyPem(std::string pem, std::string kid);

    /// The same, read from a file. @throws std::invalid_argument also when the file cannot be read.
    static SigningKey FromPrivateKeyFile(const std::string& path, std::string kid);

    bool Empty() const { return material_.empty(); }
    /// "HS256", "RS256" or "ES256" ("" when empty).
    std::string_view Algorithm() const { return algorithm_; }

    /// A token of `request`'s claims. @throws std::logic_error when empty.
    std::string Sign(const TokenRequest& request) const;

  private:
    std::string algorithm_;
    std::string material_;  ///< the secret or the PEM
    std::string kid_;
};

}  // namespace auditrail::auth
