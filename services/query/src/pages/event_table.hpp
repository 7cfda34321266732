#pragma once

#include <auditrail/pg/result.hpp>
#include <string>
#include <string_view>

namespace auditrail::query {

/// Which optional columns an event table shows.
struct EventTableColumns {
    bool customer = false;  ///< the customer id, linked to its page (the dashboard's tenant-wide list)
    bool data = false;      ///< the event's `data` as compact JSON, shortened (a customer's history)
};

/// `rows` (kEventColumns, the first `count`) as an HTML table, newest first as selected; every value escaped.
std::string EventTableHtml(const pg::Result& rows, int count, EventTableColumns columns);

/// A timestamptz of a UTC session as `<time datetime="RFC 3339">2026-11-23 10:30:00</time>`.
std::string TimeHtml(std::string_view pg_timestamp);

}  // namespace auditrail::query
