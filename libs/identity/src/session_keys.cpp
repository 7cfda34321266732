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

std::vector<std::string> ScopeList(std::string_view scopes) {
    std::vector<std::string> list;
    while (!scopes.empty()) {
        const auto space = scopes.find(' ');
        if (space != 0) list.emplace_back(scopes.substr(0, space));
        scopes = space == std::string_view::npos ? std::string_view{} : scopes.substr(space + 1);
    }
    return list;
}

}  // namespace auditrail::identity
