#include <auditrail/auth/jwt_verifier.hpp>
#include <stdexcept>
#include <utility>

#include "jwt_decode.hpp"
#include "token_cache.hpp"

namespace auditrail::auth {
namespace {

/// API.md §1: leeway at most 60 s.
constexpr std::int64_t kMaxLeewaySeconds = 60;
/// Far above any token we issue (a few hundred bytes); bounds the work an unauthenticated caller can ask for.
constexpr std::size_t kMaxTokenBytes = 8192;

constexpr std::string_view kExpired = "token expired";

bool IsOws(char c) { return c == ' ' || c == '\t'; }

std::string_view TrimOws(std::string_view text) {
    while (!text.empty() && IsOws(text.front())) text.remove_prefix(1);
    while (!text.empty() && IsOws(text.back())) text.remove_suffix(1);
    return text;
}

bool IsBearerScheme(std::string_view scheme) {
    constexpr std::string_view kBearer = "bearer";
    if (scheme.size() != kBearer.size()) return false;
    for (std::size_t i = 0; i < kBearer.size(); ++i) {
        const char c = scheme[i];
        const char lower = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
        if (lower != kBearer[i]) return false;
    }
    return true;
}

VerifyResult Fail(VerifyStatus status, std::string_view reason) {
    VerifyResult result;
    result.status = status;
    result.reason.assign(reason);
    return result;
}

/// exp, nbf and iat against the clock, with leeway. "" when the token is usable at `now_s`.
std::string_view CheckTimes(const VerifiedToken& token, std::int64_t now_s, std::int64_t leeway_s) {
    // Written so that no sum can overflow: now_s and leeway_s are sane, the claims may not be.
    if (now_s - leeway_s > token.claims.exp) return kExpired;
    if (token.nbf != kNoTime && token.nbf > now_s + leeway_s) return "token not yet valid";
    if (token.iat != kNoTime && token.iat > now_s + leeway_s) return "token issued in the future";
    return {};
}

}  // namespace

struct JwtVerifier::Impl {
    Impl(JwtSettings s, VerifierKeys k) : settings(std::move(s)), keys(std::move(k)), cache(settings.cache_capacity) {}

    JwtSettings settings;
    VerifierKeys keys;
    TokenCache cache;
};

JwtVerifier::JwtVerifier(JwtSettings settings) {
    KeySet keys = settings.keys_file.empty() ? KeySet{} : LoadKeySet(settings.keys_file);
    Init(std::move(settings), std::move(keys));
}

JwtVerifier::JwtVerifier(JwtSettings settings, KeySet keys) { Init(std::move(settings), std::move(keys)); }

void JwtVerifier::Init(JwtSettings settings, KeySet keys) {
    if (settings.hs256_secret.empty() && keys.Empty()) {
        throw std::invalid_argument("auth: no key configured (neither an HS256 secret nor a key set)");
    }
    if (settings.leeway_s < 0 || settings.leeway_s > kMaxLeewaySeconds) {
        throw std::invalid_argument("auth: leeway_s must be between 0 and 60 seconds");
    }
    VerifierKeys verifier_keys;
    verifier_keys.kid_ignored = keys.Empty();
    verifier_keys.default_key =
        settings.hs256_secret.empty() ? KeySetAccess::Only(keys) : MakeHs256Key(settings.hs256_secret);
    verifier_keys.keys = std::move(keys);
    impl_ = std::make_unique<Impl>(std::move(settings), std::move(verifier_keys));
}

JwtVerifier::~JwtVerifier() = default;

VerifyResult JwtVerifier::Verify(std::string_view authorization, std::int64_t now_s) const {
    // `Bearer` (any case), one or more spaces, the token (RFC 6750 §2.1, RFC 7235 §2.1).
    const std::string_view value = TrimOws(authorization);
    if (value.empty()) return Fail(VerifyStatus::kMissing, "no authorization header");
    const std::size_t space = value.find(' ');
    if (!IsBearerScheme(value.substr(0, space))) return Fail(VerifyStatus::kMissing, "no bearer credentials");
    std::string_view token = space == std::string_view::npos ? std::string_view{} : value.substr(space + 1);
    while (!token.empty() && token.front() == ' ') token.remove_prefix(1);
    if (token.empty()) return Fail(VerifyStatus::kInvalid, "empty bearer token");
    if (token.size() > kMaxTokenBytes) return Fail(VerifyStatus::kInvalid, "token too long");

    const std::int64_t leeway_s = impl_->settings.leeway_s;
    TokenCache::EntryPtr entry = impl_->cache.Find(token);
    if (entry == nullptr) {
        auto fresh = std::make_shared<VerifiedToken>();
        if (const std::string_view reason = DecodeJwt(token, impl_->keys, impl_->settings, *fresh); !reason.empty()) {
            return Fail(VerifyStatus::kInvalid, reason);
        }
        if (const std::string_view reason = CheckTimes(*fresh, now_s, leeway_s); !reason.empty()) {
            return Fail(VerifyStatus::kInvalid, reason);
        }
        entry = std::move(fresh);
        impl_->cache.Insert(token, entry);
    } else if (const std::string_view reason = CheckTimes(*entry, now_s, leeway_s); !reason.empty()) {
        // An expired token never comes back to life: make room. (nbf/iat can only happen with a clock
        // that went backwards, so the entry stays.)
        if (reason == kExpired) impl_->cache.Erase(token);
        return Fail(VerifyStatus::kInvalid, reason);
    }

    VerifyResult result;
    result.status = VerifyStatus::kOk;
    result.claims = entry->claims;
    return result;
}

std::size_t JwtVerifier::CachedTokens() const { return impl_->cache.Size(); }

}  // namespace auditrail::auth
