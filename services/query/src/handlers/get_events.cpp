#include "get_events.hpp"

#include <auditrail/events/time.hpp>
#include <auditrail/http/authenticate.hpp>

#include "../database.hpp"
#include "../event_json.hpp"
#include "../parameters.hpp"

namespace auditrail::query {
namespace {

constexpr std::string_view kCountEvents = "SELECT count(*) FROM events ";

std::string SelectSql(std::string_view where, SortOrder order, int limit) {
    std::string sql = "SELECT ";
    sql += kEventColumns;
    sql += " FROM events ";
    sql += where;
    sql.push_back(' ');
    sql += OrderByClause(order);
    sql += " LIMIT " + std::to_string(limit);
    return sql;
}

}  // namespace

http::Response GetEvents::operator()(http::Request& request) const {
    const auth::Claims claims = http::Authenticate(request, context_.verifier, "events:read", &context_.session_check);
    SearchFilter filter = ParseSearchFilter(ParseParameters(request.query), FilterUse::kSearch, events::NowUs());
    const auto binding = CursorCodec::Binding(claims.tenant, filter);
    std::optional<KeysetPosition> after;
    if (filter.cursor) {
        const auto cursor = context_.cursors.Decode(*filter.cursor);
        if (!cursor) throw InvalidParameter("cursor", "is not a cursor this service issued (malformed or altered)");
        if (cursor->binding != binding) {
            throw InvalidParameter("cursor", "was issued for other filters or another order");
        }
        // The window the walk resolved on its first page, so that defaults relative to now do not drift.
        filter.from = cursor->from;
        filter.to = cursor->to;
        after = cursor->position;
    }

    return WithDatabase([&] {
        auto connection = context_.pool.Acquire();
        SqlValues values;
        const std::string where = WhereClause(filter, claims.tenant, after, values);
        // One row more than the page tells whether another page follows.
        const auto result = connection->Exec(SelectSql(where, filter.order, filter.limit + 1), values.Params());
        const int rows = std::min(result.Rows(), filter.limit);

        std::string body = "{\"events\":[";
        body.reserve(static_cast<std::size_t>(rows) * 512 + 64);
        EventRow row;
        for (int i = 0; i < rows; ++i) {
            if (i) body.push_back(',');
            row = RowOf(result, i);
            AppendEventJson(body, row);
        }
        body += "],\"next_cursor\":";
        if (result.Rows() > filter.limit) {
            Cursor cursor;
            cursor.binding = binding;
            cursor.order = filter.order;
            cursor.from = filter.from;
            cursor.to = filter.to;
            cursor.position.occurred_at = events::ParseRfc3339(Rfc3339(row.value[kOccurredAt])).value_or(0);
            cursor.position.id = std::string(row.value[kId]);
            body.push_back('"');
            body += context_.cursors.Encode(cursor);
            body.push_back('"');
        } else {
            body += "null";
        }
        if (filter.count) {
            SqlValues count_values;
            const std::string count_sql =
                std::string(kCountEvents) + WhereClause(filter, claims.tenant, {}, count_values);
            const auto total = connection->Exec(count_sql, count_values.Params());
            body += ",\"total\":" + std::string(total.Get(0, 0));
        }
        body.push_back('}');
        return http::Json(200, std::move(body));
    });
}

}  // namespace auditrail::query
