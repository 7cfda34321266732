#include <auditrail/auth/jwt_verifier.hpp>
#include <auditrail/http/authenticate.hpp>
#include <auditrail/http/problem.hpp>

#include <ctime>

namespace auditrail::http {

namespace {

HttpError InvalidToken(std::string detail) {
    HttpError error(401, "unauthorized", std::move(detail));
    error.headers.emplace_back("WWW-Authenticate", "Bearer realm=\"auditrail\", error=\"invalid_token\"");
    return error;
}

}  // namespace

auth::Claims Authenticate(const Request& request, const auth::JwtVerifier& verifier, std::string_view scope,
                          const SessionCheck* check) {
    auto result = verifier.Verify(request.Header("authorization"), static_cast<std::int64_t>(std::time(nullptr)));
    if (result.status == auth::VerifyStatus::kMissing) {
        HttpError error(401, "unauthorized", "this route needs a bearer token");
        error.headers.emplace_back("WWW-Authenticate", "Bearer realm=\"auditrail\"");
        throw error;
    }
    if (result.status == auth::VerifyStatus::kInvalid) throw InvalidToken("invalid token: " + result.reason);
    if (check && *check) {
        auto current = (*check)(std::move(result.claims));
        if (!current) throw InvalidToken("invalid token: its session has ended");
        result.claims = std::move(*current);
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
