#include "get_customer_health.hpp"

#include <auditrail/health/report_json.hpp>
#include <auditrail/http/authenticate.hpp>

#include "../database.hpp"
#include "../health_scores.hpp"
#include "../health_parameters.hpp"

namespace auditrail::query {

http::Response GetCustomerHealth::operator()(http::Request& request) const {
    const auth::Claims claims = http::Authenticate(request, context_.verifier, "health:read", &context_.session_check);
    const auto parameters = ParseHealthParameters(request.query, false);
    const auto customer_id = ParseCustomerId(request.path_params.at(0));
    if (!customer_id) throw http::HttpError(404, "not_found", "no customer with this id");
    const auto trend = WithDatabase([&] {
        auto connection = context_.pool.Acquire();
        return CustomerHealth(*connection, context_.health, claims.tenant, *customer_id, parameters.as_of);
    });
    if (!trend) throw http::HttpError(404, "not_found", "no customer with this id has an event before as_of");
    return http::Json(200, health::ToJson(*trend));
}

}  // namespace auditrail::query
