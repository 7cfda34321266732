#pragma once

#include <auditrail/pg/connection.hpp>
#include <auditrail/pg/result.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "../cursor.hpp"
#include "../search_filter.hpp"

namespace auditrail::query {

/// One keyset page of events for the pages, selected exactly as GET /v1/events selects them (the search
/// filter's WHERE clause and order, its cursors).
struct EventListPage {
    pg::Result rows;                         ///< kEventColumns; may hold one row more than `count` (the look-ahead)
    int count = 0;                           ///< rows of this page
    std::optional<std::string> next_cursor;  ///< where the next page starts; nothing on the last page
};

/// The events of `tenant` matching `filter`, after `after` in its order, at most `limit`.
/// @throws pg::ConnectionError, pg::QueryError.
EventListPage ListEvents(pg::Connection& connection, const CursorCodec& cursors, const SearchFilter& filter,
                         const std::string& tenant, const std::optional<KeysetPosition>& after, int limit);

/// Where the page after the one that issued `cursor` starts, with `filter`'s window set to the one that
/// cursor's walk resolved; nothing (and `filter` untouched) when the cursor is malformed, altered, or was
/// issued for another tenant, filter or order.
std::optional<KeysetPosition> ResumeAt(const CursorCodec& cursors, std::string_view tenant, SearchFilter& filter,
                                       std::string_view cursor);

}  // namespace auditrail::query
