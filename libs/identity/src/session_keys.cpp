#include <auditrail/identity/roles.hpp>
#include <auditrail/identity/session_keys.hpp>

#include <openssl/sha.h>

#include <cctype>

namespace auditrail::identity {

bool IsPersonSubject(std::string_view sub) {
    if (sub.size() != 36) return false;
    for (std::size_t i = 0; i < sub.size(); ++i) {
        const bool dash = i == 8 || i == 13 || i == 18 || i == 23;
        if (dash ? sub[i] != '-' : !std::isxdigit(static_cast<unsigned char>(sub[i]))) return false;
    }
    return true;
}

std::string EndedSessionKey(std::string_view jti) {
    unsigned char digest[SHA256_DIGEST_LENGTH];
    SHA256(reinterpret_cast<const unsigned char*>(jti.data()), jti.size(), digest);
    static constexpr char kHex[] = "0123456789abcdef";
    std::string hex;
    hex.reserve(2 * SHA256_DIGEST_LENGTH);
    for (const unsigned char byte : digest) {
        hex.push_back(kHex[byte >> 4]);
        hex.push_back(kHex[byte & 15]);
    }
    return hex;
}

std::optional<auth::Claims> JudgePersonSession(auth::Claims claims, const PersonRow* person, bool signed_out) {
    if (!person || person->tenant != claims.tenant || !person->active || signed_out) return std::nullopt;
    const auto scopes = ScopesForRole(person->role);
    if (!scopes) return std::nullopt;
    claims.scopes = auth::SplitScopes(*scopes);
    return claims;
}

}  // namespace auditrail::identity
