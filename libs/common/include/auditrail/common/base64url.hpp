#pragma once

#include <string>
#include <string_view>

namespace auditrail::common {

/// RFC 4648 §5 base64url without padding.
std::string Base64UrlEncode(std::string_view bytes);

/// Strict base64url decoding: no padding, no whitespace, only [A-Za-z0-9_-], and the unused bits of
/// the last character must be zero (so every byte string has exactly one encoding). Returns false
/// (and leaves `out` unspecified) on any violation.
bool Base64UrlDecode(std::string_view text, std::string& out);

}  // namespace auditrail::common
