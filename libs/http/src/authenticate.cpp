#include <auditrail/auth/jwt_verifier.hpp>
#include <auditrail/http/authenticate.hpp>
#include <auditrail/http/problem.hpp>

#include <ctime>

namespace auditrail::http {

auth::Claims Authenticate(const Request& request, const auth::JwtVerifier& verifier, std::string_view scope) {
    auto result = verifier.Verify(request.Header("authorization"), static_cast<std::int64_t>(std::time(nullptr)));
    if (result.status == auth::VerifyStatus::kMissing) {
        HttpError error(401, "unauthorized", "this route needs a bearer token");
        error.headers.emplace_back("WWW-Authenticate", "Bearer realm=\"auditrail\"");
        throw error;
    }
    if (result.status == auth::VerifyStatus::kInvalid) {
        HttpError error(401, "unauthorized", "invalid token: " + result.reason);
        error.headers.emplace_back("WWW-Authenticate", "Bearer realm=\"auditrail\", error=\"invalid_token\"");
        throw error;
    }
    if (!result.claims.HasScope(scope)) {
        HttpError error(403, "forbidden", "the token lacks the scope " + std::string(scope));
        error.headers.emplace_back("WWW-Authenticate", "Bearer realm=\"auditrail\", error=\"insufficient_scope\", scope=\"" +
                                                           std::string(scope) + "\"");
        throw error;
    }
    return std::move(result.claims);
}

}  // namespace auditrail::http
