#pragma once

#include <simdjson.h>

#include <cstdint>
#include <string_view>

namespace auditrail::events::detail {

// Typed views of a DOM element whose type the caller has already checked. They copy out of simdjson's
// result wrapper at once: `for (auto x : element.get_array().value_unsafe())` would iterate a dangling temporary.

template <typename T>
T As(simdjson::dom::element element) {
    T value{};
    [[maybe_unused]] const simdjson::error_code error = element.get(value);
    return value;
}

inline simdjson::dom::object AsObject(simdjson::dom::element element) { return As<simdjson::dom::object>(element); }
inline simdjson::dom::array AsArray(simdjson::dom::element element) { return As<simdjson::dom::array>(element); }
inline std::string_view AsString(simdjson::dom::element element) { return As<std::string_view>(element); }

}  // namespace auditrail::events::detail
