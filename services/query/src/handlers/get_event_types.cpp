#include "get_event_types.hpp"

#include <auditrail/common/json.hpp>
#include <auditrail/events/time.hpp>
#include <auditrail/http/authenticate.hpp>
#include <set>

#include "../database.hpp"
#include "../event_json.hpp"
#include "../parameters.hpp"

namespace auditrail::query {
namespace {

constexpr std::string_view kSelectTypes =
    "SELECT category, action, count(*), min(occurred_at), max(occurred_at) FROM events";
constexpr std::string_view kGroupTypes = " GROUP BY category, action ORDER BY category, action";

}  // namespace

http::Response GetEventTypes::operator()(http::Request& request) const {
    const auth::Claims claims = http::Authenticate(request, context_.verifier, "events:read", &context_.session_check);
    SqlValues values;
    std::string where = " WHERE tenant = " + values.Add(claims.tenant, "text");
    std::optional<events::TimeUs> from;
    std::optional<events::TimeUs> to;
    std::set<std::string> seen;
    for (const auto& [name, value] : ParseParameters(request.query)) {
        if (name == "access_token") continue;
        if (!seen.insert(name).second) throw InvalidParameter(name, "is given more than once");
        if (name == "category") {
            if (value.empty() || value.size() > 64) throw InvalidParameter(name, "must be 1-64 bytes");
            where += " AND category = " + values.Add(value, "text");
        } else if (name == "from" || name == "to") {
            const auto time = events::ParseRfc3339(value);
            if (!time) throw InvalidParameter(name, "is not an RFC 3339 date-time with an offset");
            (name == "from" ? from : to) = time;
            where += name == "from" ? " AND occurred_at >= " : " AND occurred_at < ";
            where += values.Add(events::FormatRfc3339(*time), "timestamptz");
        } else {
            throw InvalidParameter(name, "is not a parameter of this route");
        }
    }
    if (from && to && *from >= *to) throw InvalidParameter("to", "must be later than from");

    return WithDatabase([&] {
        auto connection = context_.pool.Acquire();
        const auto result =
            connection->Exec(std::string(kSelectTypes) + where + std::string(kGroupTypes), values.Params());
        std::string body = "{\"event_types\":[";
        for (int row = 0; row < result.Rows(); ++row) {
            if (row) body.push_back(',');
            body += "{\"category\":";
            common::AppendJsonString(body, result.Get(row, 0));
            body += ",\"action\":";
            common::AppendJsonString(body, result.Get(row, 1));
            body += ",\"count\":";
            body += result.Get(row, 2);
            body += ",\"first_seen\":\"";
            AppendRfc3339(body, result.Get(row, 3));
            body += "\",\"last_seen\":\"";
            AppendRfc3339(body, result.Get(row, 4));
            body += "\"}";
        }
        body += "]}";
        return http::Json(200, std::move(body));
    });
}

}  // namespace auditrail::query
