#pragma once

#include <array>
#include <string_view>

namespace auditrail::auth {

using Sha256Digest = std::array<unsigned char, 32>;

/// HMAC-SHA256 (OpenSSL) of `data` under the raw bytes of `key`. Returns false only when OpenSSL fails.
bool HmacSha256(std::string_view key, std::string_view data, Sha256Digest& out);

/// Constant-time comparison of a computed digest with bytes taken from a token.
bool DigestEquals(const Sha256Digest& expected, std::string_view candidate);

}  // namespace auditrail::auth
