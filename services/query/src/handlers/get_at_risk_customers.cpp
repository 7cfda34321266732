#include "get_at_risk_customers.hpp"

#include <auditrail/common/json.hpp>
#include <auditrail/health/report_json.hpp>
#include <auditrail/http/authenticate.hpp>

#include "../database.hpp"
#include "../health_scores.hpp"
#include "../health_parameters.hpp"

namespace auditrail::query {

http::Response GetAtRiskCustomers::operator()(http::Request& request) const {
    const auth::Claims claims = http::Authenticate(request, context_.verifier, "health:read", &context_.session_check);
    const auto parameters = ParseHealthParameters(request.query, true);
    // Without as_of: the background snapshot, as of its last refresh; with one: scored exactly at it.
    const auto list = WithDatabase([&] {
        auto connection = context_.pool.Acquire();
        if (!parameters.as_of_given) {
            return ListAtRiskNow(*connection, context_.health, claims.tenant, parameters.threshold, parameters.limit);
        }
        return ListAtRisk(*connection, context_.health, claims.tenant, parameters.as_of, parameters.threshold,
                          parameters.limit);
    });
    const auto& reports = list.customers;

    std::string body = "{\"as_of\":";
    common::AppendJsonString(body, events::FormatRfc3339(list.as_of));
    body += ",\"threshold\":" + std::to_string(parameters.threshold) + ",\"customers\":[";
    for (std::size_t i = 0; i < reports.size(); ++i) {
        if (i) body.push_back(',');
        body += "{\"customer_id\":" + std::to_string(reports[i].customer_id);
        body += ",\"score\":" + std::to_string(reports[i].score) + ",\"band\":";
        common::AppendJsonString(body, health::BandName(reports[i].band));
        body += ",\"signals\":";
        health::AppendSignalsJson(body, reports[i].signals);
        body.push_back('}');
    }
    body += "]}";
    return http::Json(200, std::move(body));
}

}  // namespace auditrail::query
