#include <openssl/rand.h>

#include <auditrail/auth/token_signer.hpp>
#include <chrono>
#include <stdexcept>
#include <string_view>

#include "base64url.hpp"
#include "hmac_sha256.hpp"

namespace auditrail::auth {
namespace {

constexpr std::size_t kJtiBytes = 16;

/// Appends `text` as a JSON string literal (RFC 8259 §7). UTF-8 is passed through as is.
void AppendJsonString(std::string& out, std::string_view text) {
    constexpr char kHex[] = "0123456789abcdef";
    out.push_back('"');
    for (const char c : text) {
        switch (c) {
            case '"':
                out += "\\\"";
                break;
            case '\\':
                out += "\\\\";
                break;
            case '\b':
                out += "\\b";
                break;
            case '\f':
                out += "\\f";
                break;
            case '\n':
                out += "\\n";
                break;
            case '\r':
                out += "\\r";
                break;
            case '\t':
                out += "\\t";
                break;
            default:
                if (static_cast<unsigned char>(c) < 0x20) {
                    out += "\\u00";
                    out.push_back(kHex[(c >> 4) & 0xf]);
                    out.push_back(kHex[c & 0xf]);
                } else {
                    out.push_back(c);
                }
        }
    }
    out.push_back('"');
}

void AppendStringClaim(std::string& out, std::string_view name, std::string_view value) {
    if (out.size() > 1) out.push_back(',');
    AppendJsonString(out, name);
    out.push_back(':');
    AppendJsonString(out, value);
}

void AppendNumberClaim(std::string& out, std::string_view name, std::int64_t value) {
    if (out.size() > 1) out.push_back(',');
    AppendJsonString(out, name);
    out.push_back(':');
    out += std::to_string(value);
}

std::string RandomJti() {
    unsigned char bytes[kJtiBytes];
    if (RAND_bytes(bytes, static_cast<int>(kJtiBytes)) != 1) throw std::runtime_error("auth: RAND_bytes failed");
    return Base64UrlEncode(std::string_view(reinterpret_cast<const char*>(bytes), kJtiBytes));
}

}  // namespace

std::string SignHs256(const TokenRequest& request, const std::string& secret) {
    if (secret.empty()) throw std::invalid_argument("auth: the HS256 secret is empty");
    const std::int64_t now_s =
        request.now_s != 0
            ? request.now_s
            : std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch())
                  .count();

    std::string payload = "{";
    AppendStringClaim(payload, "iss", request.issuer);
    AppendStringClaim(payload, "aud", request.audience);
    AppendStringClaim(payload, "sub", request.sub);
    AppendStringClaim(payload, "tenant", request.tenant);
    AppendStringClaim(payload, "scope", request.scope);
    AppendNumberClaim(payload, "iat", now_s);
    AppendNumberClaim(payload, "exp", now_s + request.ttl_s);
    AppendStringClaim(payload, "jti", RandomJti());
    payload.push_back('}');

    constexpr std::string_view kHeader = R"({"alg":"HS256","typ":"JWT"})";
    std::string token = Base64UrlEncode(kHeader);
    token.push_back('.');
    token += Base64UrlEncode(payload);

    Sha256Digest signature;
    if (!HmacSha256(secret, token, signature)) throw std::runtime_error("auth: HMAC-SHA256 failed");
    token.push_back('.');
    token += Base64UrlEncode(std::string_view(reinterpret_cast<const char*>(signature.data()), signature.size()));
    return token;
}

}  // namespace auditrail::auth
