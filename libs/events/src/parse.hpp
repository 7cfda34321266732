#pragma once

#include <simdjson.h>

#include <string>
#include <string_view>

namespace auditrail::events::detail {

/// Parses `text` with this thread's reused DOM parser (copied into a reused padded buffer first).
/// The element stays valid until the next ParseDocument call on the same thread.
simdjson::error_code ParseDocument(std::string_view text, simdjson::dom::element& root);

/// A short phrase for a simdjson parse error, e.g. "not valid UTF-8".
std::string DescribeParseError(simdjson::error_code error);

}  // namespace auditrail::events::detail
