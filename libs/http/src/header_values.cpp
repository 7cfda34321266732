#include <auditrail/http/header_values.hpp>

#include <algorithm>
#include <cctype>

namespace auditrail::http {
namespace {

char LowerAscii(char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); }

bool IsOws(char c) { return c == ' ' || c == '\t'; }

}  // namespace

std::string_view TrimmedOws(std::string_view text) {
    while (!text.empty() && IsOws(text.front())) text.remove_prefix(1);
    while (!text.empty() && IsOws(text.back())) text.remove_suffix(1);
    return text;
}

bool EqualsIgnoringCase(std::string_view a, std::string_view b) {
    return a.size() == b.size() &&
           std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) { return LowerAscii(x) == LowerAscii(y); });
}

std::string AsciiLower(std::string_view text) {
    std::string out(text);
    std::transform(out.begin(), out.end(), out.begin(), LowerAscii);
    return out;
}

std::string MediaTypeOf(std::string_view content_type) {
    content_type = content_type.substr(0, content_type.find(';'));
    std::string type;
    for (char c : content_type) {
        if (!IsOws(c)) type.push_back(LowerAscii(c));
    }
    return type;
}

bool IsMediaType(std::string_view content_type, std::string_view media_type) {
    content_type = content_type.substr(0, content_type.find(';'));
    std::size_t matched = 0;
    for (char c : content_type) {
        if (IsOws(c)) continue;
        if (matched == media_type.size() || LowerAscii(c) != media_type[matched]) return false;
        ++matched;
    }
    return matched == media_type.size();
}

std::string_view MediaTypeParameter(std::string_view content_type, std::string_view name) {
    for (auto semicolon = content_type.find(';'); semicolon != std::string_view::npos;) {
        const auto next = content_type.find(';', semicolon + 1);
        const auto length = next == std::string_view::npos ? next : next - semicolon - 1;
        const auto parameter = content_type.substr(semicolon + 1, length);
        const auto equals = parameter.find('=');
        if (equals != std::string_view::npos && EqualsIgnoringCase(TrimmedOws(parameter.substr(0, equals)), name)) {
            auto value = TrimmedOws(parameter.substr(equals + 1));
            if (value.size() >= 2 && value.front() == '"' && value.back() == '"') {
                value = value.substr(1, value.size() - 2);
            }
            return value;
        }
        semicolon = next;
    }
    return {};
}

}  // namespace auditrail::http
