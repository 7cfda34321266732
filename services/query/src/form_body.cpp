#include "form_body.hpp"

#include "parameters.hpp"

#include <openssl/evp.h>

#include <algorithm>
#include <cctype>
#include <string_view>
#include <unordered_set>

namespace auditrail::query {
namespace {

bool StartsWithNoCase(std::string_view text, std::string_view prefix) {
    if (text.size() < prefix.size()) return false;
    return std::equal(prefix.begin(), prefix.end(), text.begin(), [](char a, char b) {
        return std::tolower(static_cast<unsigned char>(a)) == std::tolower(static_cast<unsigned char>(b));
    });
}

std::optional<std::string> DecodeBase64(std::string_view text) {
    if (text.empty() || text.size() % 4 != 0) return std::nullopt;
    const bool valid = std::all_of(text.begin(), text.end(), [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) || c == '+' || c == '/' || c == '=';
    });
    if (!valid) return std::nullopt;
    std::string out(text.size() / 4 * 3, '\0');
    const int length =
        EVP_DecodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                        reinterpret_cast<const unsigned char*>(text.data()), static_cast<int>(text.size()));
    if (length < 0) return std::nullopt;
    // EVP_DecodeBlock counts the padding as zero bytes.
    std::size_t padding = 0;
    if (text.back() == '=') ++padding;
    if (text.size() >= 2 && text[text.size() - 2] == '=') ++padding;
    out.resize(static_cast<std::size_t>(length) - padding);
    return out;
}

}  // namespace

bool IsFormBody(const http::Request& request) {
    const auto type = request.Header("content-type");
    constexpr std::string_view kForm = "application/x-www-form-urlencoded";
    if (!StartsWithNoCase(type, kForm)) return false;
    const auto rest = type.substr(kForm.size());
    return rest.empty() || rest.front() == ';' || rest.front() == ' ';
}

std::optional<http::Params> ParseForm(const std::string& body) {
    // Our forms have a handful of fields. Counted before anything else: this runs before sign-in is checked, and
    // a 1 MB body of 130,000 fields took 14 s of a worker when every name was compared with every other.
    if (std::count(body.begin(), body.end(), '&') >= static_cast<std::ptrdiff_t>(kMaxFormFields)) return std::nullopt;
    auto form = http::ParseQuery(body);
    if (!form) return std::nullopt;
    std::unordered_set<std::string_view> names;
    for (const auto& [name, value] : *form) {
        // What PostgreSQL cannot hold as text (bad UTF-8, NUL) is no form of ours: `%ff` once reached a query as
        // a parameter and came back as a 500.
        if (!IsStorableText(name) || !IsStorableText(value)) return std::nullopt;
        if (!names.insert(name).second) return std::nullopt;
    }
    return form;
}

std::optional<std::string> FormField(const http::Params& form, std::string_view name) {
    for (const auto& [key, value] : form) {
        if (key == name) return value;
    }
    return std::nullopt;
}

bool IsBasic(std::string_view authorization) { return StartsWithNoCase(authorization, "basic "); }

std::optional<BasicCredentials> ParseBasic(std::string_view authorization) {
    if (!IsBasic(authorization)) return std::nullopt;
    auto encoded = authorization.substr(6);
    while (!encoded.empty() && encoded.front() == ' ') encoded.remove_prefix(1);
    while (!encoded.empty() && encoded.back() == ' ') encoded.remove_suffix(1);
    const auto decoded = DecodeBase64(encoded);
    if (!decoded) return std::nullopt;
    const auto colon = decoded->find(':');
    if (colon == std::string::npos) return std::nullopt;
    auto user = http::PercentDecode(std::string_view(*decoded).substr(0, colon), true);
    auto password = http::PercentDecode(std::string_view(*decoded).substr(colon + 1), true);
    if (!user || !password || !IsStorableText(*user) || !IsStorableText(*password)) return std::nullopt;
    return BasicCredentials{std::move(*user), std::move(*password)};
}

}  // namespace auditrail::query
