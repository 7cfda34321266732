#include "get_customer_health.hpp"

#include <auditrail/health/report_json.hpp>
#include <auditrail/health/score.hpp>
#include <auditrail/http/authenticate.hpp>

#include "../database.hpp"
#include "../health_loader.hpp"
#include "../health_parameters.hpp"

namespace auditrail::query {

http::Response GetCustomerHealth::operator()(http::Request& request) const {
    const auth::Claims claims = http::Authenticate(request, context_.verifier, "health:read");
    const auto parameters = ParseHealthParameters(request.query, false);
    const auto customer_id = ParseCustomerId(request.path_params.at(0));
    if (!customer_id) throw http::HttpError(404, "not_found", "no customer with this id");
    const health::TimeUs as_ofs[] = {parameters.as_of, parameters.as_of - 30 * health::kDayUs};
    const auto state = WithDatabase([&] {
        auto connection = context_.pool.Acquire();
        return LoadCustomerState(*connection, claims.tenant, *customer_id, as_ofs);
    });
    if (!state) throw http::HttpError(404, "not_found", "no customer with this id has an event before as_of");
    return http::Json(200, health::ToJson(health::ScoreWithTrend(*state, parameters.as_of)));
}

}  // namespace auditrail::query
