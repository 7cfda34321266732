#pragma once

#include <simdjson.h>

#include <string>

namespace auditrail::events::detail {

/// Appends `element` as compact JSON: no whitespace, keys in input order, strings escaped minimally
/// (", \ and control characters), non-ASCII kept as UTF-8, integers as written, floating-point numbers
/// in shortest round-trip form and always with a '.' or exponent (5.0 stays 5.0).
void AppendCompactJson(simdjson::dom::element element, std::string& out);

}  // namespace auditrail::events::detail
