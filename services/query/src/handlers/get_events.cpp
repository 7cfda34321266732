#include "get_events.hpp"

#include <algorithm>

#include <auditrail/events/time.hpp>
#include <auditrail/http/authenticate.hpp>

#include "../database.hpp"
#include "../event_json.hpp"
#include "../page_budget.hpp"
#include "../parameters.hpp"

namespace auditrail::query {
namespace {

constexpr std::string_view kCountEvents = "SELECT count(*) FROM events ";

/// About the bytes an event adds to a page: its text fields that may be long, plus room for the short ones.
constexpr std::string_view kRowBytes =
    "coalesce(octet_length(message), 0) + coalesce(octet_length(data::text), 0) + "
    "coalesce(octet_length(actor_user_agent), 0) + coalesce(octet_length(actor_name), 0) + "
    "coalesce(octet_length(resource_id), 0) + 400";

/// The page: at most `limit` events in order, ending before the event that would take the page's text past
/// kPageTextBytes (never before the first). Its last column, kFetched, is how many events the limit let through
/// before that cut, so that a cut page still says that more follow.
std::string SelectSql(std::string_view where, SortOrder order, int limit) {
    const std::string order_by(OrderByClause(order));
    std::string sql = "SELECT ";
    sql += kEventColumns;
    sql += ", fetched FROM (SELECT page.*, sum(row_bytes) OVER (" + order_by +
           " ROWS UNBOUNDED PRECEDING) - row_bytes AS bytes_before, count(*) OVER () AS fetched FROM (SELECT ";
    sql += kEventColumns;
    sql += ", ";
    sql += kRowBytes;
    sql += " AS row_bytes FROM events ";
    sql += where;
    sql += " " + order_by + " LIMIT " + std::to_string(limit) + ") page) counted WHERE bytes_before < " +
           std::to_string(kPageTextBytes) + " " + order_by;
    return sql;
}
constexpr int kFetched = static_cast<int>(kEventColumnCount);
/// The most JSON one event can make: an 8 KiB message escaped six-fold, 32 KiB of data, the short fields.
constexpr std::size_t kEventJsonBytes = 96u << 10;

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

    // Room for the page while it is built (what `limit` events could take, at most a full page); its real size
    // once it is, until it is sent.
    std::shared_ptr<PageBudget::Hold> hold;
    if (context_.page_budget) {
        const std::size_t room = std::min(static_cast<std::size_t>(filter.limit) * kEventJsonBytes,
                                          kPageTextBytes + kEventJsonBytes);
        hold = context_.page_budget->TryReserve(room);
        if (!hold) {
            http::HttpError error(503, "overloaded", "too many large pages are being sent; try again shortly");
            error.headers.emplace_back("Retry-After", "2");
            throw error;
        }
    }
    auto response = WithDatabase([&] {
        auto connection = context_.pool.Acquire();
        SqlValues values;
        const std::string where = WhereClause(filter, claims.tenant, after, values);
        // One row more than the page tells whether another page follows.
        const auto result = connection->Exec(SelectSql(where, filter.order, filter.limit + 1), values.Params());
        const int rows = std::min(result.Rows(), filter.limit);
        bool more = result.Rows() > filter.limit || (rows > 0 && result.GetInt(0, kFetched) > rows);

        std::string body = "{\"events\":[";
        body.reserve(static_cast<std::size_t>(rows) * 512 + 64);
        EventRow row;
        for (int i = 0; i < rows; ++i) {
            // The database's cut counts raw text; escaping (a control character is six bytes of JSON) can make the
            // page larger: it also ends here once its JSON passes the limit, after at least one event.
            if (i > 0 && body.size() >= kPageTextBytes) {
                more = true;
                break;
            }
            if (i) body.push_back(',');
            row = RowOf(result, i);
            AppendEventJson(body, row);
        }
        body += "],\"next_cursor\":";
        if (more) {
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
    if (hold) hold->Resize(response.body.size());
    response.hold = std::move(hold);
    return response;
}

}  // namespace auditrail::query
