#include "parameters.hpp"

#include <auditrail/common/json.hpp>
#include <cstdint>

namespace auditrail::query {

http::HttpError InvalidParameter(std::string_view name, std::string_view detail) {
    // The detail names the parameter too: "limit must be an integer from 1 to 5000".
    std::string text = name.empty() ? std::string(detail) : std::string(name) + " " + std::string(detail);
    return http::HttpError(400, "invalid_parameter", std::move(text), "\"parameter\":" + common::JsonString(name));
}

http::Params ParseParameters(std::string_view query) {
    http::Params params;
    std::size_t start = 0;
    while (start <= query.size()) {
        std::size_t end = query.find('&', start);
        if (end == std::string_view::npos) end = query.size();
        const auto part = query.substr(start, end - start);
        start = end + 1;
        if (part.empty()) continue;
        const auto eq = part.find('=');
        const auto raw_name = part.substr(0, eq);
        auto name = http::PercentDecode(raw_name, true);
        if (!name || !IsStorableText(*name)) {
            if (!IsStorableText(raw_name)) throw InvalidParameter("", "a parameter name is not well-formed");
            throw InvalidParameter(raw_name, "is not a well-formed parameter name");
        }
        auto value = eq == std::string_view::npos ? std::optional<std::string>("")
                                                  : http::PercentDecode(part.substr(eq + 1), true);
        if (!value) throw InvalidParameter(*name, "has a malformed percent escape");
        if (!IsStorableText(*value)) throw InvalidParameter(*name, "is not valid UTF-8 text");
        params.emplace_back(std::move(*name), std::move(*value));
    }
    return params;
}

bool IsStorableText(std::string_view text) {
    const auto* s = reinterpret_cast<const unsigned char*>(text.data());
    const std::size_t n = text.size();
    std::size_t i = 0;
    while (i < n) {
        const unsigned char c = s[i];
        if (c == 0) return false;
        if (c < 0x80) {
            ++i;
            continue;
        }
        int extra = 0;
        std::uint32_t code = 0;
        if ((c & 0xE0) == 0xC0) {
            extra = 1;
            code = c & 0x1F;
        } else if ((c & 0xF0) == 0xE0) {
            extra = 2;
            code = c & 0x0F;
        } else if ((c & 0xF8) == 0xF0) {
            extra = 3;
            code = c & 0x07;
        } else {
            return false;
        }
        if (i + extra >= n) return false;
        for (int k = 1; k <= extra; ++k) {
            if ((s[i + k] & 0xC0) != 0x80) return false;
            code = (code << 6) | (s[i + k] & 0x3F);
        }
        static constexpr std::uint32_t kMinimum[] = {0, 0x80, 0x800, 0x10000};
        if (code < kMinimum[extra] || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) return false;
        i += extra + 1;
    }
    return true;
}

}  // namespace auditrail::query
