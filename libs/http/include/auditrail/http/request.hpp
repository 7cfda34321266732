#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace auditrail::http {

/// A parsed HTTP request, independent of Beast, so that handlers and their tests never see a socket.
struct Request {
    std::string method;  ///< "GET", "POST", ...
    std::string target;  ///< as sent: path plus query
    std::string path;    ///< target up to '?'
    std::string query;   ///< after '?', undecoded
    std::vector<std::pair<std::string, std::string>> headers;  ///< names lower-cased
    std::string body;
    std::string remote_address;
    std::string request_id;
    std::vector<std::string> path_params;  ///< values of `{...}` segments of the matched route

    /// The first header with this lower-case name, or "" when absent.
    std::string_view Header(std::string_view lower_name) const {
        for (const auto& [name, value] : headers) {
            if (name == lower_name) return value;
        }
        return {};
    }
};

}  // namespace auditrail::http
