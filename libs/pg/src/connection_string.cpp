#include <auditrail/pg/connection_string.hpp>

#include <libpq-fe.h>

#include <algorithm>
#include <array>
#include <memory>
#include <string_view>

namespace auditrail::pg {
namespace {

using ParsedOptions = std::unique_ptr<PQconninfoOption, decltype(&PQconninfoFree)>;

/// The parsed options of `dsn`, or null when libpq cannot parse it (its own message is dropped: it may quote a
/// password).
ParsedOptions Parse(const std::string& dsn) {
    char* error = nullptr;
    ParsedOptions options(PQconninfoParse(dsn.c_str(), &error), &PQconninfoFree);
    if (error) PQfreemem(error);
    return options;
}

std::string ValueOf(const ParsedOptions& options, std::string_view keyword) {
    for (const PQconninfoOption* option = options.get(); option && option->keyword; ++option) {
        if (keyword == option->keyword && option->val) return option->val;
    }
    return {};
}

/// A port list as libpq takes it: comma-separated numbers from 1 to 65535 (an empty entry means the default).
bool IsPortList(std::string_view ports) {
    for (std::size_t start = 0; start <= ports.size();) {
        auto end = ports.find(',', start);
        if (end == std::string_view::npos) end = ports.size();
        const auto port = ports.substr(start, end - start);
        if (!port.empty()) {
            const bool digits = std::all_of(port.begin(), port.end(), [](char c) { return c >= '0' && c <= '9'; });
            if (port.size() > 5 || !digits) {
                return false;
            }
            const int number = std::stoi(std::string(port));
            if (number < 1 || number > 65535) return false;
        }
        start = end + 1;
    }
    return true;
}

/// `text` with its %XX escapes decoded (a bad escape is kept as it is).
std::string PercentDecoded(std::string_view text) {
    std::string out;
    const auto hex = [](char c) -> int {
        if (c >= '0' && c <= '9') return c - '0';
        if (c >= 'a' && c <= 'f') return c - 'a' + 10;
        if (c >= 'A' && c <= 'F') return c - 'A' + 10;
        return -1;
    };
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '%' && i + 2 < text.size() && hex(text[i + 1]) >= 0 && hex(text[i + 2]) >= 0) {
            out.push_back(static_cast<char>(hex(text[i + 1]) * 16 + hex(text[i + 2])));
            i += 2;
        } else {
            out.push_back(text[i]);
        }
    }
    return out;
}

/// The password part of a URI's user info ("postgresql://user:PASSWORD@host"), as written; "" when none.
std::string_view UriPassword(std::string_view dsn) {
    const auto scheme = dsn.find("://");
    if (scheme == std::string_view::npos) return {};
    const auto authority = dsn.substr(scheme + 3, dsn.find_first_of("/?", scheme + 3) - (scheme + 3));
    const auto at = authority.rfind('@');
    if (at == std::string_view::npos) return {};
    const auto user_info = authority.substr(0, at);
    const auto colon = user_info.find(':');
    return colon == std::string_view::npos ? std::string_view() : user_info.substr(colon + 1);
}

void ReplaceAll(std::string& text, const std::string& secret) {
    if (secret.empty()) return;
    for (auto found = text.find(secret); found != std::string::npos; found = text.find(secret, found + 3)) {
        text.replace(found, secret.size(), "***");
    }
}

}  // namespace

std::string ConnectionStringProblem(const std::string& dsn) {
    const ParsedOptions options = Parse(dsn);
    if (!options) {
        return "is not a valid libpq connection string or URI (look at its percent-encoding, port and parameter "
               "names)";
    }
    if (!IsPortList(ValueOf(options, "port"))) return "names a port that is not a number from 1 to 65535";
    static constexpr std::array<std::string_view, 6> kSslModes = {"disable", "allow",     "prefer",
                                                                  "require", "verify-ca", "verify-full"};
    const std::string sslmode = ValueOf(options, "sslmode");
    if (!sslmode.empty() && std::find(kSslModes.begin(), kSslModes.end(), sslmode) == kSslModes.end()) {
        return "has an sslmode that is not one of disable, allow, prefer, require, verify-ca, verify-full";
    }
    return {};
}

std::string WithoutPassword(std::string message, const std::string& dsn) {
    const std::string_view written = UriPassword(dsn);
    ReplaceAll(message, std::string(written));
    ReplaceAll(message, PercentDecoded(written));
    if (const ParsedOptions options = Parse(dsn)) ReplaceAll(message, ValueOf(options, "password"));
    return message;
}

}  // namespace auditrail::pg
