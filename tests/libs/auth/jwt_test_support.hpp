#pragma once

// Hand-made tokens for the auth tests: base64url and HMAC come straight from OpenSSL, so these tests
// do not only check the library against itself.

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <algorithm>
#include <auditrail/auth/jwt_verifier.hpp>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace auditrail::auth::test {

inline constexpr std::int64_t kNow = 1'800'000'000;
/// Raw bytes, a NUL among them: the secret is used as is.
inline const std::string kSecret("k3y\0with-raw-bytes", 18);
inline constexpr const char* kHs256Header = R"({"alg":"HS256","typ":"JWT"})";

inline std::string B64Url(std::string_view bytes) {
    std::string out(4 * ((bytes.size() + 2) / 3) + 1, '\0');
    const int length =
        EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                        reinterpret_cast<const unsigned char*>(bytes.data()), static_cast<int>(bytes.size()));
    out.resize(static_cast<std::size_t>(length));
    while (!out.empty() && out.back() == '=') out.pop_back();
    std::replace(out.begin(), out.end(), '+', '-');
    std::replace(out.begin(), out.end(), '/', '_');
    return out;
}

inline std::string B64UrlDecode(std::string text) {
    std::replace(text.begin(), text.end(), '-', '+');
    std::replace(text.begin(), text.end(), '_', '/');
    const std::size_t padding = (4 - text.size() % 4) % 4;
    text.append(padding, '=');
    std::string out(text.size() / 4 * 3, '\0');
    const int length =
        EVP_DecodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                        reinterpret_cast<const unsigned char*>(text.data()), static_cast<int>(text.size()));
    out.resize(length < 0 ? 0 : static_cast<std::size_t>(length) - padding);
    return out;
}

inline std::string HmacSha256(std::string_view key, std::string_view data) {
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()), reinterpret_cast<const unsigned char*>(data.data()),
         data.size(), digest, &length);
    return std::string(reinterpret_cast<const char*>(digest), length);
}

/// header.payload.signature with an HMAC-SHA256 signature under `secret`.
inline std::string MakeToken(std::string_view header_json, std::string_view payload_json,
                             std::string_view secret = kSecret) {
    std::string signing_input = B64Url(header_json) + "." + B64Url(payload_json);
    return signing_input + "." + B64Url(HmacSha256(secret, signing_input));
}

/// Changes to the default claims: {name, raw JSON value}; an empty value removes the claim.
using ClaimChanges = std::vector<std::pair<std::string, std::string>>;

/// A payload that verifies at kNow with DefaultSettings(), after `changes`.
inline std::string Payload(const ClaimChanges& changes = {}) {
    std::vector<std::pair<std::string, std::string>> claims = {
        {"iss", R"("auditrail")"},
        {"aud", R"("auditrail")"},
        {"sub", R"("svc-billing")"},
        {"tenant", R"("acme")"},
        {"scope", R"("events:write events:read")"},
        {"iat", std::to_string(kNow - 10)},
        {"exp", std::to_string(kNow + 3600)},
        {"jti", R"("7f3c2a")"},
    };
    for (const auto& [name, value] : changes) {
        auto it = std::find_if(claims.begin(), claims.end(), [&](const auto& claim) { return claim.first == name; });
        if (value.empty()) {
            if (it != claims.end()) claims.erase(it);
        } else if (it != claims.end()) {
            it->second = value;
        } else {
            claims.emplace_back(name, value);
        }
    }
    std::string json = "{";
    for (const auto& [name, value] : claims) {
        if (json.size() > 1) json += ",";
        json += "\"" + name + "\":" + value;
    }
    return json + "}";
}

inline std::string GoodToken(const ClaimChanges& changes = {}) { return MakeToken(kHs256Header, Payload(changes)); }

inline std::string Bearer(std::string_view token) { return "Bearer " + std::string(token); }

inline JwtSettings DefaultSettings() {
    JwtSettings settings;
    settings.hs256_secret = kSecret;
    return settings;
}

}  // namespace auditrail::auth::test
