#pragma once

#include <simdjson.h>

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace auditrail::events::detail {

/// Why a document that simdjson accepted is still invalid_json for us.
struct JsonProblem {
    std::string field;    ///< path of the offending key or value inside the event ("" for the event itself)
    std::string message;  ///< e.g. "duplicate key"
};

/// Checks a value and everything inside it: no duplicate keys, no NUL in strings or keys, and no container
/// deeper than `max_depth` when `element` itself sits at `depth` (an event object is depth 1).
/// simdjson 3.0.1 already refuses bad UTF-8, lone surrogate escapes and unescaped control characters.
std::optional<JsonProblem> CheckStructure(simdjson::dom::element element, std::size_t depth, std::size_t max_depth);

/// Checks only the keys of one object (duplicates, NUL), not its values.
std::optional<JsonProblem> CheckKeys(simdjson::dom::object object);

/// Dotted paths: "data" + "a" → "data.a", "data.items" + index 2 → "data.items[2]".
void PrependKey(std::string& path, std::string_view key);
void PrependIndex(std::string& path, std::size_t index);

}  // namespace auditrail::events::detail
