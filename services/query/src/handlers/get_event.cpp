#include "get_event.hpp"

#include <auditrail/events/uuid.hpp>
#include <auditrail/http/authenticate.hpp>

#include "../database.hpp"
#include "../event_json.hpp"
#include "../parameters.hpp"

namespace auditrail::query {
namespace {

/// The same id with two occurred_at values is two events (API.md §2); the latest is answered.
const std::string kSelectEvent = "SELECT " + std::string(kEventColumns) +
                                 " FROM events WHERE tenant = $1 AND id = $2::uuid ORDER BY occurred_at DESC LIMIT 1";

}  // namespace

http::Response GetEvent::operator()(http::Request& request) const {
    const auth::Claims claims = http::Authenticate(request, context_.verifier, "events:read", &context_.session_check);
    const auto params = ParseParameters(request.query);
    for (const auto& [name, value] : params) {
        if (name != "access_token") throw InvalidParameter(name, "is not a parameter of this route");
    }
    const auto id = events::CanonicalUuid(request.path_params.at(0));
    if (!id) throw http::HttpError(404, "not_found", "no event with this id");
    return WithDatabase([&] {
        auto connection = context_.pool.Acquire();
        const auto result = connection->Exec(kSelectEvent, {claims.tenant, *id});
        if (result.Rows() == 0) throw http::HttpError(404, "not_found", "no event with this id");
        std::string body;
        AppendEventJson(body, RowOf(result, 0));
        return http::Json(200, std::move(body));
    });
}

}  // namespace auditrail::query
