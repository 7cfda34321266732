#include "jwt_decode.hpp"

#include <simdjson.h>

#include <cmath>
#include <optional>
#include <string>

#include <auditrail/common/base64url.hpp>
#include "key.hpp"

namespace auditrail::auth {
namespace {

constexpr std::string_view kOk;
constexpr std::string_view kMalformed = "malformed token";
constexpr std::string_view kMalformedHeader = "malformed token header";
constexpr std::string_view kMalformedPayload = "malformed token payload";
constexpr std::string_view kDuplicateClaim = "duplicate claim";
constexpr std::string_view kAlgorithmNotAllowed = "algorithm not allowed";

/// One parser per thread: a DOM parser is not thread-safe, and reusing it keeps its buffers.
simdjson::dom::parser& ThreadParser() {
    thread_local simdjson::dom::parser parser;
    return parser;
}

char AsciiLower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        if (AsciiLower(a[i]) != AsciiLower(b[i])) return false;
    }
    return true;
}

/// `typ` is optional; when present it must say JWT (RFC 7519 §5.1) or an OAuth access token JWT
/// (RFC 9068 §2.1), with or without the "application/" prefix.
bool IsJwtType(std::string_view typ) {
    constexpr std::string_view kPrefix = "application/";
    if (typ.size() > kPrefix.size() && EqualsIgnoreCase(typ.substr(0, kPrefix.size()), kPrefix)) {
        typ.remove_prefix(kPrefix.size());
    }
    return EqualsIgnoreCase(typ, "JWT") || EqualsIgnoreCase(typ, "at+jwt");
}

/// What the JWS header says about the key: the algorithm (when it is one we know) and the kid.
struct JwsHeader {
    std::optional<KeyAlgorithm> alg;
    bool has_kid = false;
    std::string_view kid;  ///< points into the thread's parser: valid until the next parse
};

std::optional<KeyAlgorithm> ParseAlgorithm(std::string_view alg) {
    // Exact names only: "none", "HS384", "hs256", "HS256 " are refused.
    if (alg == "HS256") return KeyAlgorithm::kHs256;
    if (alg == "RS256") return KeyAlgorithm::kRs256;
    if (alg == "ES256") return KeyAlgorithm::kEs256;
    return std::nullopt;
}

std::string_view CheckHeader(std::string_view json, JwsHeader& out) {
    simdjson::dom::object header;
    if (ThreadParser().parse(json.data(), json.size()).get_object().get(header) != simdjson::SUCCESS) {
        return kMalformedHeader;
    }
    bool saw_alg = false;
    bool saw_typ = false;
    for (const auto field : header) {
        if (field.key == "alg") {
            if (saw_alg) return kMalformedHeader;
            saw_alg = true;
            std::string_view alg;
            if (field.value.get_string().get(alg) == simdjson::SUCCESS) out.alg = ParseAlgorithm(alg);
        } else if (field.key == "kid") {
            if (out.has_kid) return kMalformedHeader;
            out.has_kid = true;
            if (field.value.get_string().get(out.kid) != simdjson::SUCCESS) return kMalformedHeader;
        } else if (field.key == "typ") {
            if (saw_typ) return kMalformedHeader;
            saw_typ = true;
            std::string_view typ;
            if (field.value.get_string().get(typ) != simdjson::SUCCESS || !IsJwtType(typ)) {
                return "unsupported token type";
            }
        } else if (field.key == "crit") {
            // RFC 7515 §4.1.11: we understand no extension, so a token that requires one is refused.
            return "unsupported critical header";
        }
        // jku, x5u, jwk and x5c are ignored: keys come only from the configuration, never from the token.
    }
    return out.alg.has_value() ? kOk : kAlgorithmNotAllowed;
}

/// The key the token asks for (see JwtVerifier for the rules), or null with `reason` set.
const KeySet::Key* SelectKey(const JwsHeader& header, const VerifierKeys& keys, std::string_view& reason) {
    if (keys.kid_ignored) return keys.default_key.get();
    if (!header.has_kid) {
        if (keys.default_key == nullptr) reason = "token has no kid";
        return keys.default_key.get();
    }
    const KeySet::Key* key = KeySetAccess::Find(keys.keys, header.kid);
    if (key == nullptr) reason = "unknown kid";
    return key;
}

/// A NumericDate (RFC 7519 §2): an integer, or a float taken down to whole seconds.
bool GetSeconds(simdjson::dom::element value, std::int64_t& out) {
    switch (value.type()) {
        case simdjson::dom::element_type::INT64:
            return value.get_int64().get(out) == simdjson::SUCCESS;
        case simdjson::dom::element_type::UINT64:
            return false;  // beyond int64: no sensible time
        case simdjson::dom::element_type::DOUBLE: {
            double seconds = 0;
            if (value.get_double().get(seconds) != simdjson::SUCCESS) return false;
            seconds = std::floor(seconds);
            // -2^63 and 2^63 are exact doubles; the range check also refuses NaN.
            if (!(seconds >= -9223372036854775808.0 && seconds < 9223372036854775808.0)) return false;
            out = static_cast<std::int64_t>(seconds);
            return true;
        }
        default:
            return false;
    }
}

/// Reads the payload's claims into `out`; checks their types, `iss`, `aud` and `tenant`.
std::string_view CheckPayload(std::string_view json, const JwtSettings& settings, VerifiedToken& out) {
    simdjson::dom::object payload;
    if (ThreadParser().parse(json.data(), json.size()).get_object().get(payload) != simdjson::SUCCESS) {
        return kMalformedPayload;
    }
    bool has_exp = false, has_nbf = false, has_iat = false, has_iss = false, has_aud = false;
    bool has_tenant = false, has_scope = false, has_sub = false, has_jti = false;
    bool issuer_ok = false, audience_ok = false;
    std::string_view tenant, scope, sub, jti;
    // Iterating (rather than looking keys up) lets a duplicated claim be refused instead of
    // silently taking one of its values.
    for (const auto field : payload) {
        const std::string_view key = field.key;
        const simdjson::dom::element value = field.value;
        if (key == "exp") {
            if (has_exp) return kDuplicateClaim;
            has_exp = true;
            if (!GetSeconds(value, out.claims.exp)) return "bad exp claim";
        } else if (key == "nbf") {
            if (has_nbf) return kDuplicateClaim;
            has_nbf = true;
            if (!GetSeconds(value, out.nbf)) return "bad nbf claim";
        } else if (key == "iat") {
            if (has_iat) return kDuplicateClaim;
            has_iat = true;
            if (!GetSeconds(value, out.iat)) return "bad iat claim";
        } else if (key == "iss") {
            if (has_iss) return kDuplicateClaim;
            has_iss = true;
            std::string_view iss;
            if (value.get_string().get(iss) != simdjson::SUCCESS) return "bad iss claim";
            issuer_ok = iss == settings.issuer;
        } else if (key == "aud") {
            if (has_aud) return kDuplicateClaim;
            has_aud = true;
            std::string_view aud;
            simdjson::dom::array auds;
            if (value.get_string().get(aud) == simdjson::SUCCESS) {
                audience_ok = aud == settings.audience;
            } else if (value.get_array().get(auds) == simdjson::SUCCESS) {
                for (const simdjson::dom::element item : auds) {
                    if (item.get_string().get(aud) != simdjson::SUCCESS) return "bad aud claim";
                    audience_ok = audience_ok || aud == settings.audience;
                }
            } else {
                return "bad aud claim";
            }
        } else if (key == "tenant") {
            if (has_tenant) return kDuplicateClaim;
            has_tenant = true;
            if (value.get_string().get(tenant) != simdjson::SUCCESS) return "invalid tenant claim";
        } else if (key == "scope") {
            if (has_scope) return kDuplicateClaim;
            has_scope = true;
            if (value.get_string().get(scope) != simdjson::SUCCESS) return "bad scope claim";
        } else if (key == "sub") {
            if (has_sub) return kDuplicateClaim;
            has_sub = true;
            if (value.get_string().get(sub) != simdjson::SUCCESS) return "bad sub claim";
        } else if (key == "jti") {
            if (has_jti) return kDuplicateClaim;
            has_jti = true;
            if (value.get_string().get(jti) != simdjson::SUCCESS) return "bad jti claim";
        }
        // Other claims are not ours to judge.
    }
    if (!has_exp) return "missing exp claim";
    if (!has_iss) return "missing iss claim";
    if (!issuer_ok) return "wrong issuer";
    if (!has_aud) return "missing aud claim";
    if (!audience_ok) return "wrong audience";
    if (!has_tenant) return "missing tenant claim";
    if (!IsValidTenant(tenant)) return "invalid tenant claim";
    // The views point into the parser: copy them before anyone parses again.
    out.claims.tenant.assign(tenant);
    out.claims.sub.assign(sub);
    out.claims.jti.assign(jti);
    out.claims.iat = has_iat ? out.iat : 0;
    out.claims.scopes = SplitScopes(scope);
    return kOk;
}

}  // namespace

std::string_view DecodeJwt(std::string_view token, const VerifierKeys& keys, const JwtSettings& settings,
                           VerifiedToken& out) {
    const std::size_t first_dot = token.find('.');
    if (first_dot == std::string_view::npos) return kMalformed;
    const std::size_t second_dot = token.find('.', first_dot + 1);
    if (second_dot == std::string_view::npos || token.find('.', second_dot + 1) != std::string_view::npos) {
        return kMalformed;  // a JWE (five parts) or garbage
    }
    const std::string_view header_b64 = token.substr(0, first_dot);
    const std::string_view payload_b64 = token.substr(first_dot + 1, second_dot - first_dot - 1);
    const std::string_view signature_b64 = token.substr(second_dot + 1);
    if (header_b64.empty() || payload_b64.empty()) return kMalformed;

    std::string buffer;
    if (!common::Base64UrlDecode(header_b64, buffer)) return kMalformed;
    JwsHeader header;
    if (const std::string_view reason = CheckHeader(buffer, header); !reason.empty()) return reason;
    std::string_view reason;
    const KeySet::Key* key = SelectKey(header, keys, reason);
    if (key == nullptr) return reason;
    // The key decides the algorithm, never the token: an RS256 key's PEM is never used as an HMAC secret.
    if (header.alg != key->algorithm) return kAlgorithmNotAllowed;

    // The signature is checked before the payload is even parsed.
    if (!common::Base64UrlDecode(signature_b64, buffer)) return kMalformed;
    if (!VerifySignature(*key, token.substr(0, second_dot), buffer)) return "bad signature";

    if (!common::Base64UrlDecode(payload_b64, buffer)) return kMalformed;
    return CheckPayload(buffer, settings, out);
}

}  // namespace auditrail::auth
