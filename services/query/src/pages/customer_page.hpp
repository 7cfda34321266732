#pragma once

#include <auditrail/health/report.hpp>
#include <cstdint>
#include <optional>
#include <string>

#include "event_list.hpp"
#include "score_chart.hpp"

namespace auditrail::query {

/// What a customer's page shows; a part the viewer's role may not see is nothing.
struct CustomerContent {
    std::int64_t customer_id = 0;
    health::TimeUs as_of = 0;
    std::optional<std::string> as_of_given;     ///< the `as_of` parameter as it came, kept in the paging links
    std::optional<health::HealthTrend> health;  ///< needs health:read
    ScoreChart chart;                           ///< drawn with `health`
    std::optional<EventListPage> events;        ///< needs events:read; newest first
    bool older_page = false;                    ///< `events` is a page after the first (a cursor came)
    bool can_record = false;                    ///< the viewer may record events (link to the form)
};

/// The page's content (inside the shared layout): `<h1>Customer N</h1>`, the score and band
/// (`#score`, `#band`), `#components`, `#signals`, the 90-day chart, and `#events` with an
/// "Older events" link (`rel="next"`) when there are more.
std::string CustomerHtml(const CustomerContent& content);

/// The customer page's path with `as_of` and `cursor` (each when given), percent-encoded.
std::string CustomerPath(std::int64_t customer_id, const std::optional<std::string>& as_of,
                         const std::optional<std::string>& cursor);

}  // namespace auditrail::query
