#pragma once

#include <auditrail/http/problem.hpp>
#include <auditrail/http/query_string.hpp>
#include <string>
#include <string_view>

namespace auditrail::query {

/// 400 `invalid_parameter` with `"parameter": name` (API.md §2 "Errors").
http::HttpError InvalidParameter(std::string_view name, std::string_view detail);

/// Decodes the query string into pairs, in order.
/// @throws http::HttpError 400 invalid_parameter naming the parameter whose escape is malformed.
http::Params ParseParameters(std::string_view query);

/// True when `text` is well-formed UTF-8 without NUL characters (what PostgreSQL text can hold).
bool IsStorableText(std::string_view text);

}  // namespace auditrail::query
