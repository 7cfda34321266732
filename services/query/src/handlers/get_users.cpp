#include "get_users.hpp"

#include <auditrail/http/authenticate.hpp>

#include "../database.hpp"
#include "../parameters.hpp"
#include "../user_json.hpp"

namespace auditrail::query {

http::Response GetUsers::operator()(http::Request& request) const {
    const auth::Claims claims = http::Authenticate(request, context_.verifier, "admin", &context_.session_check);
    for (const auto& [name, value] : ParseParameters(request.query)) {
        if (name != "access_token") throw InvalidParameter(name, "is not a parameter of this route");
    }
    const auto users = WithDatabase([&] {
        auto connection = context_.pool.Acquire();
        return identity::ListUsers(*connection, claims.tenant);
    });
    std::string body = "{\"users\":[";
    for (std::size_t i = 0; i < users.size(); ++i) {
        if (i > 0) body += ',';
        AppendUserJson(body, users[i]);
    }
    body += "]}";
    return http::Json(200, std::move(body));
}

}  // namespace auditrail::query
