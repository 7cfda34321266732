#pragma once

#include <auditrail/auth/claims.hpp>

#include <string>

namespace auditrail::auth {

enum class VerifyStatus {
    kOk,
    kMissing,  ///< no bearer credentials: 401 without an error code (RFC 6750 §3.1)
    kInvalid,  ///< malformed, badly signed, expired, not yet valid, wrong iss/aud, no tenant: 401 invalid_token
};

/// The verifier's answer; `reason` is safe to log and to show (it never contains the token).
struct VerifyResult {
    VerifyStatus status = VerifyStatus::kMissing;
    std::string reason;
    Claims claims;
};

}  // namespace auditrail::auth
