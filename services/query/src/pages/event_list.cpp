#include "event_list.hpp"

#include <algorithm>
#include <auditrail/events/time.hpp>

#include "../event_json.hpp"

namespace auditrail::query {

EventListPage ListEvents(pg::Connection& connection, const CursorCodec& cursors, const SearchFilter& filter,
                         const std::string& tenant, const std::optional<KeysetPosition>& after, int limit) {
    SqlValues values;
    std::string sql = "SELECT ";
    sql += kEventColumns;
    sql += " FROM events ";
    sql += WhereClause(filter, tenant, after, values);
    sql.push_back(' ');
    sql += OrderByClause(filter.order);
    // One row more than the page tells whether another page follows.
    sql += " LIMIT " + std::to_string(limit + 1);

    EventListPage page;
    page.rows = connection.Exec(sql, values.Params());
    page.count = std::min(page.rows.Rows(), limit);
    if (page.rows.Rows() > limit && page.count > 0) {
        const EventRow last = RowOf(page.rows, page.count - 1);
        Cursor cursor;
        cursor.binding = CursorCodec::Binding(tenant, filter);
        cursor.order = filter.order;
        cursor.from = filter.from;
        cursor.to = filter.to;
        cursor.position.occurred_at = events::ParseRfc3339(Rfc3339(last.value[kOccurredAt])).value_or(0);
        cursor.position.id = std::string(last.value[kId]);
        page.next_cursor = cursors.Encode(cursor);
    }
    return page;
}

std::optional<KeysetPosition> ResumeAt(const CursorCodec& cursors, std::string_view tenant, SearchFilter& filter,
                                       std::string_view cursor) {
    const auto decoded = cursors.Decode(cursor);
    if (!decoded || decoded->binding != CursorCodec::Binding(tenant, filter) || decoded->order != filter.order) {
        return std::nullopt;
    }
    filter.from = decoded->from;
    filter.to = decoded->to;
    return decoded->position;
}

}  // namespace auditrail::query
