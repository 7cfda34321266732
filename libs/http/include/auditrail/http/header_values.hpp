#pragma once

#include <string>
#include <string_view>

namespace auditrail::http {

/// `text` without the spaces and tabs around it (a header value's optional whitespace).
std::string_view TrimmedOws(std::string_view text);

/// ASCII case-insensitive equality, as header tokens are compared.
bool EqualsIgnoringCase(std::string_view a, std::string_view b);

/// `text` with ASCII letters lower-cased.
std::string AsciiLower(std::string_view text);

/// The media type of a Content-Type value: lower-cased, parameters and spaces dropped ("" when there is none).
std::string MediaTypeOf(std::string_view content_type);

/// Whether a Content-Type value names `media_type` (lower case): MediaTypeOf(content_type) == media_type, without
/// building the string (most requests send exactly the lower-case type).
bool IsMediaType(std::string_view content_type, std::string_view media_type);

/// The value of parameter `name` of a Content-Type (`application/json; charset="UTF-8"`), unquoted; "" if absent.
std::string_view MediaTypeParameter(std::string_view content_type, std::string_view name);

}  // namespace auditrail::http
