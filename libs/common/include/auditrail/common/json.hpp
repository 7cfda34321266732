#pragma once

#include <string>
#include <string_view>

namespace auditrail::common {

/// Appends `text` as a JSON string literal (quotes included), escaping per RFC 8259.
void AppendJsonString(std::string& out, std::string_view text);

/// `text` as a JSON string literal.
std::string JsonString(std::string_view text);

}  // namespace auditrail::common
