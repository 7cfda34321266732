#include <auditrail/auth/jwt_options.hpp>

#include <string>

namespace auditrail::auth {
namespace {

constexpr std::size_t kMinSecretBytes = 32;

}  // namespace

std::vector<common::OptionSpec> JwtOptionSpecs() {
    return {
        {"jwt-secret", "AUDITRAIL_JWT_SECRET", "", "HS256 key (raw bytes); required unless --jwt-keys is given"},
        {"jwt-keys", "AUDITRAIL_JWT_KEYS", "", "PEM or JWKS file of RS256/ES256 public keys, selected by kid"},
        {"jwt-issuer", "AUDITRAIL_JWT_ISSUER", "auditrail", "expected iss claim"},
        {"jwt-audience", "AUDITRAIL_JWT_AUDIENCE", "auditrail", "expected aud claim"},
    };
}

JwtSettings JwtSettingsFrom(const common::Options& options) {
    JwtSettings settings;
    settings.hs256_secret = options.Get("jwt-secret");
    settings.keys_file = options.Get("jwt-keys");
    if (settings.hs256_secret.empty() && settings.keys_file.empty()) {
        throw common::OptionError("--jwt-secret (AUDITRAIL_JWT_SECRET) or --jwt-keys (AUDITRAIL_JWT_KEYS) is required");
    }
    RefuseShortSecret(settings.hs256_secret);
    settings.issuer = options.Get("jwt-issuer");
    settings.audience = options.Get("jwt-audience");
    return settings;
}

void RefuseShortSecret(const std::string& secret) {
    if (secret.empty() || secret.size() >= kMinSecretBytes) return;
    throw common::OptionError("--jwt-secret (AUDITRAIL_JWT_SECRET) is " + std::to_string(secret.size()) +
                              " bytes: an HS256 key needs at least " + std::to_string(kMinSecretBytes) +
                              " (e.g. head -c 32 /dev/urandom | base64)");
}

}  // namespace auditrail::auth
