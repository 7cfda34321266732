#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace auditrail::http {

using Params = std::vector<std::pair<std::string, std::string>>;

/// Splits `a=1&b=x%20y` (also a form body) into decoded pairs, in order; '+' is a space.
/// Returns nothing when a percent escape is malformed.
std::optional<Params> ParseQuery(std::string_view query);

/// Percent-decodes one component; nothing when an escape is malformed.
std::optional<std::string> PercentDecode(std::string_view text, bool plus_is_space);

/// Percent-encodes one component: everything but RFC 3986's unreserved characters (A–Z a–z 0–9 - . _ ~).
std::string PercentEncode(std::string_view text);

}  // namespace auditrail::http
