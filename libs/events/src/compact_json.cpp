#include "compact_json.hpp"

#include <charconv>
#include <string_view>
#include <type_traits>

#include "dom.hpp"

namespace auditrail::events::detail {
namespace {

constexpr char kHexDigits[] = "0123456789abcdef";

void AppendString(std::string_view text, std::string& out) {
    out += '"';
    std::size_t clean_from = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (c >= 0x20 && c != '"' && c != '\\') continue;
        out.append(text.data() + clean_from, i - clean_from);
        clean_from = i + 1;
        switch (c) {
            case '"':
                out += "\\\"";
                break;
            case '\\':
                out += "\\\\";
                break;
            case '\b':
                out += "\\b";
                break;
            case '\f':
                out += "\\f";
                break;
            case '\n':
                out += "\\n";
                break;
            case '\r':
                out += "\\r";
                break;
            case '\t':
                out += "\\t";
                break;
            default:
                out += "\\u00";
                out += kHexDigits[c >> 4];
                out += kHexDigits[c & 0x0f];
        }
    }
    out.append(text.data() + clean_from, text.size() - clean_from);
    out += '"';
}

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
                AppendString(key, out);
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
            AppendString(AsString(element), out);
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
