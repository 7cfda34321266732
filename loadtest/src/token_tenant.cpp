#include "token_tenant.hpp"

#include <auditrail/common/base64url.hpp>
#include <simdjson.h>

namespace auditrail::load {

std::optional<std::string> TokenTenant(std::string_view token) {
    const auto first_dot = token.find('.');
    const auto second_dot = first_dot == std::string_view::npos ? first_dot : token.find('.', first_dot + 1);
    if (second_dot == std::string_view::npos) return std::nullopt;
    std::string payload;
    if (!common::Base64UrlDecode(token.substr(first_dot + 1, second_dot - first_dot - 1), payload)) return std::nullopt;
    simdjson::dom::parser parser;
    std::string_view tenant;
    if (parser.parse(payload)["tenant"].get(tenant) != simdjson::SUCCESS || tenant.empty()) return std::nullopt;
    return std::string(tenant);
}

}  // namespace auditrail::load
