#include "compact_json.hpp"

#include <auditrail/common/json.hpp>

#include <charconv>
#include <string_view>
#include <type_traits>

#include "dom.hpp"

namespace auditrail::events::detail {
namespace {

template <typename Number>
void AppendNumber(Number value, std::string& out) {
    char buffer[32];
    const auto [end, error] = std::to_chars(buffer, buffer + sizeof(buffer), value);
    std::string_view text(buffer, static_cast<std::size_t>(end - buffer));
    out += text;
    if constexpr (std::is_floating_point_v<Number>) {
        if (text.find_first_of(".eE") == std::string_view::npos) out += ".0";
    }
}

}  // namespace

void AppendCompactJson(simdjson::dom::element element, std::string& out) {
    using simdjson::dom::element_type;
    switch (element.type()) {
        case element_type::OBJECT: {
            out += '{';
            bool first = true;
            for (auto [key, value] : AsObject(element)) {
                if (!first) out += ',';
                first = false;
                common::AppendJsonString(out, key);
                out += ':';
                AppendCompactJson(value, out);
            }
            out += '}';
            break;
        }
        case element_type::ARRAY: {
            out += '[';
            bool first = true;
            for (simdjson::dom::element child : AsArray(element)) {
                if (!first) out += ',';
                first = false;
                AppendCompactJson(child, out);
            }
            out += ']';
            break;
        }
        case element_type::STRING:
            common::AppendJsonString(out, AsString(element));
            break;
        case element_type::INT64:
            AppendNumber(As<std::int64_t>(element), out);
            break;
        case element_type::UINT64:
            AppendNumber(As<std::uint64_t>(element), out);
            break;
        case element_type::DOUBLE:
            AppendNumber(As<double>(element), out);
            break;
        case element_type::BOOL:
            out += As<bool>(element) ? "true" : "false";
            break;
        case element_type::NULL_VALUE:
            out += "null";
            break;
    }
}

}  // namespace auditrail::events::detail
