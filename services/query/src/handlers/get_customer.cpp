#include "get_customer.hpp"

#include <auditrail/common/json.hpp>
#include <auditrail/http/authenticate.hpp>

#include "../database.hpp"
#include "../event_json.hpp"
#include "../health_parameters.hpp"

namespace auditrail::query {
namespace {

/// HEALTH.md's customer-activity actions.
constexpr std::string_view kActivityActions =
    "{customer.login,invoice.issued,invoice.paid,ticket.opened,ticket.closed,api.call,feature.used}";

/// Per action before `as_of`, from the customer's events (events_customer_idx). The daily state counts only the three
/// actions the model counts; of the others it keeps only that there were events (health::kOtherActionsKey), so the
/// counts come from the events: a read that grows with the customer's events, for the one answer that needs them.
constexpr std::string_view kSelectCounts =
    "SELECT action, count(*), min(min(occurred_at)) OVER (), max(max(occurred_at)) OVER () FROM events"
    " WHERE tenant = $1 AND customer_id = $2::bigint AND occurred_at < $3::timestamptz GROUP BY action ORDER BY action";

const std::string kSelectLatest = "SELECT " + std::string(kEventColumns) +
                                  " FROM events WHERE tenant = $1 AND customer_id = $2::bigint"
                                  " AND occurred_at < $3::timestamptz AND action = ANY($4::text[])"
                                  " ORDER BY occurred_at DESC, id DESC LIMIT 50";

}  // namespace

http::Response GetCustomer::operator()(http::Request& request) const {
    const auth::Claims claims = http::Authenticate(request, context_.verifier, "health:read", &context_.session_check);
    const auto parameters = ParseHealthParameters(request.query, false);
    const auto customer_id = ParseCustomerId(request.path_params.at(0));
    if (!customer_id) throw http::HttpError(404, "not_found", "no customer with this id");
    const std::string id = std::to_string(*customer_id);
    const std::string as_of = events::FormatRfc3339(parameters.as_of);
    return WithDatabase([&] {
        auto connection = context_.pool.Acquire();
        const auto counts =
            connection->ExecPrepared("customer_counts", std::string(kSelectCounts), {claims.tenant, id, as_of});
        if (counts.Rows() == 0)
            throw http::HttpError(404, "not_found", "no customer with this id has an event before as_of");
        std::string body = "{\"customer_id\":" + id + ",\"first_seen\":\"";
        AppendRfc3339(body, counts.Get(0, 2));
        body += "\",\"last_seen\":\"";
        AppendRfc3339(body, counts.Get(0, 3));
        body += "\",\"counts\":{";
        for (int row = 0; row < counts.Rows(); ++row) {
            if (row) body.push_back(',');
            common::AppendJsonString(body, counts.Get(row, 0));
            body.push_back(':');
            body += counts.Get(row, 1);
        }
        body += "},\"events\":[";
        const auto latest = connection->ExecPrepared("customer_latest_events", kSelectLatest,
                                                     {claims.tenant, id, as_of, std::string(kActivityActions)});
        for (int row = 0; row < latest.Rows(); ++row) {
            if (row) body.push_back(',');
            AppendEventJson(body, RowOf(latest, row));
        }
        body += "]}";
        return http::Json(200, std::move(body));
    });
}

}  // namespace auditrail::query
