#include "same_origin.hpp"

#include "pages/html.hpp"

#include <auditrail/http/header_values.hpp>

#include <string_view>

namespace auditrail::query {
namespace {

/// `authority` without the default port of `scheme` ("example.com:443" of https is "example.com").
std::string WithoutDefaultPort(std::string authority, std::string_view scheme) {
    const std::string_view port = scheme == "https" ? ":443" : ":80";
    if (authority.size() > port.size() && authority.compare(authority.size() - port.size(), port.size(), port) == 0) {
        authority.resize(authority.size() - port.size());
    }
    return authority;
}

/// Does `origin` ("https://example.com:8443") name the same host and port as `host` (the Host header)?
bool SameAuthority(std::string_view origin, std::string_view host) {
    const auto scheme_end = origin.find("://");
    if (scheme_end == std::string_view::npos || host.empty()) return false;
    const std::string scheme = http::AsciiLower(origin.substr(0, scheme_end));
    const std::string authority = WithoutDefaultPort(http::AsciiLower(origin.substr(scheme_end + 3)), scheme);
    // Behind a TLS proxy the Host may carry either default port.
    const std::string own = WithoutDefaultPort(WithoutDefaultPort(http::AsciiLower(host), "http"), "https");
    return authority == own;
}

}  // namespace

std::string CrossOriginProblem(const http::Request& request) {
    const std::string_view origin = request.Header("origin");
    if (!origin.empty()) {
        if (SameAuthority(origin, request.Header("host"))) return {};
        return "this form was sent from " + std::string(origin) + ", not from this site";
    }
    const std::string fetch_site = http::AsciiLower(request.Header("sec-fetch-site"));
    if (fetch_site.empty() || fetch_site == "same-origin" || fetch_site == "none") return {};
    return "this form was sent from another site (" + fetch_site + ")";
}

http::SyncHandler FromThisOrigin(http::SyncHandler handler) {
    return [handler = std::move(handler)](http::Request& request) {
        if (const std::string problem = CrossOriginProblem(request); !problem.empty()) {
            return HtmlPage(403, {.title = "Not allowed"},
                            "<section><h1>Not allowed</h1><p>" + HtmlEscape(problem) +
                                ". Open this site's own page and send the form from there.</p></section>");
        }
        return handler(request);
    };
}

}  // namespace auditrail::query
