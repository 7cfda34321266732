#include "get_customer.hpp"

#include <auditrail/common/json.hpp>
#include <auditrail/health/state.hpp>
#include <auditrail/http/authenticate.hpp>

#include "../database.hpp"
#include "../event_json.hpp"
#include "../health_parameters.hpp"

namespace auditrail::query {
namespace {

/// HEALTH.md's customer-activity actions.
constexpr std::string_view kActivityActions =
    "{customer.login,invoice.issued,invoice.paid,ticket.opened,ticket.closed,api.call,feature.used}";

/// Per action before `as_of` ($5). The customer-activity actions ($6) from their daily buckets (folded and pending,
/// V007) of the days before as_of's day ($3), plus that day's events up to as_of ($4 … $5), so that the answer is
/// exact without reading the customer's older events. The other actions are kept per day only as "there were
/// events" (health::kOtherActionsKey, not a count), so they are counted from the customer's events
/// (events_customer_idx): a read that grows with the customer's events, for the one answer that needs them.
constexpr std::string_view kSelectCounts =
    "WITH b AS ("
    " SELECT action, sum(events)::bigint AS n, min(first_at) AS f, max(last_at) AS l FROM ("
    "  SELECT action, events, first_at, last_at FROM customer_activity_daily"
    "  WHERE tenant = $1 AND customer_id = $2::bigint AND day < $3::date AND action = ANY($6::text[])"
    "  UNION ALL"
    "  SELECT action, events, first_at, last_at FROM customer_activity_pending"
    "  WHERE tenant = $1 AND customer_id = $2::bigint AND day < $3::date AND action = ANY($6::text[])) AS buckets"
    "  GROUP BY action"
    " UNION ALL"
    " SELECT action, count(*), min(occurred_at), max(occurred_at) FROM events"
    " WHERE tenant = $1 AND customer_id = $2::bigint AND occurred_at < $5::timestamptz"
    " AND (occurred_at >= $4::timestamptz OR action <> ALL($6::text[])) GROUP BY action)"
    " SELECT action, sum(n)::bigint, min(min(f)) OVER (), max(max(l)) OVER () FROM b GROUP BY action ORDER BY action";

const std::string kSelectLatest = "SELECT " + std::string(kEventColumns) +
                                  " FROM events WHERE tenant = $1 AND customer_id = $2::bigint"
                                  " AND occurred_at < $3::timestamptz AND action = ANY($4::text[])"
                                  " ORDER BY occurred_at DESC, id DESC LIMIT 50";

}  // namespace

http::Response GetCustomer::operator()(http::Request& request) const {
    const auth::Claims claims = http::Authenticate(request, context_.verifier, "health:read");
    const auto parameters = ParseHealthParameters(request.query, false);
    const auto customer_id = ParseCustomerId(request.path_params.at(0));
    if (!customer_id) throw http::HttpError(404, "not_found", "no customer with this id");
    const std::string id = std::to_string(*customer_id);
    const std::string as_of = events::FormatRfc3339(parameters.as_of);
    const health::TimeUs day_start = health::DayOf(parameters.as_of) * health::kDayUs;
    return WithDatabase([&] {
        auto connection = context_.pool.Acquire();
        const auto counts = connection->ExecPrepared("customer_counts", std::string(kSelectCounts),
                                             {claims.tenant, id, events::FormatRfc3339(day_start).substr(0, 10),
                                              events::FormatRfc3339(day_start), as_of, std::string(kActivityActions)});
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
