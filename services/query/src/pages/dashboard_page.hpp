#pragma once

#include <optional>
#include <string>

#include "../health_scores.hpp"
#include "event_list.hpp"
#include "event_totals.hpp"

namespace auditrail::query {

/// What the dashboard shows; a part the viewer's role may not see is nothing.
struct DashboardContent {
    std::optional<AtRiskList> at_risk;        ///< needs health:read; lowest scores first
    int threshold = 50;                       ///< the at-risk list's "score below"
    std::optional<EventListPage> latest;      ///< needs events:read; newest first
    std::optional<RecentEventCounts> counts;  ///< needs events:read
};

/// The dashboard's content (inside the shared layout): `<h1>Dashboard</h1>`, then the sections
/// `#totals`, `#at-risk` (a row `<tr data-customer-id="N">` per customer, with its signals) and
/// `#latest-events`.
std::string DashboardHtml(const DashboardContent& content);

}  // namespace auditrail::query
