#include "session_auth.hpp"

#include <auditrail/auth/jwt_verifier.hpp>
#include <auditrail/http/authenticate.hpp>
#include <auditrail/http/problem.hpp>
#include <ctime>

namespace auditrail::query {
namespace {

std::string_view Trim(std::string_view text) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
    return text;
}

}  // namespace

std::string CookieValue(const http::Request& request, std::string_view name) {
    for (const auto& [header, value] : request.headers) {
        if (header != "cookie") continue;
        std::string_view rest = value;
        while (!rest.empty()) {
            const auto end = rest.find(';');
            const auto pair = Trim(rest.substr(0, end));
            rest = end == std::string_view::npos ? std::string_view{} : rest.substr(end + 1);
            const auto equals = pair.find('=');
            if (equals != std::string_view::npos && Trim(pair.substr(0, equals)) == name) {
                return std::string(Trim(pair.substr(equals + 1)));
            }
        }
    }
    return {};
}

auth::Claims AuthenticateRequest(const http::Request& request, const auth::JwtVerifier& verifier,
                                 std::string_view scope) {
    const std::string cookie = CookieValue(request, kSessionCookie);
    if (!request.Header("authorization").empty() || cookie.empty()) {
        return http::Authenticate(request, verifier, scope);
    }
    const auto result = verifier.Verify("Bearer " + cookie, std::time(nullptr));
    if (result.status != auth::VerifyStatus::kOk) {
        throw http::HttpError(401, "unauthorized", "the session has expired or is invalid; sign in again");
    }
    if (!result.claims.HasScope(scope)) {
        throw http::HttpError(403, "forbidden", "this account's role does not allow " + std::string(scope));
    }
    return result.claims;
}

}  // namespace auditrail::query
