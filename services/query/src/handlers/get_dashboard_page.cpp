#include "get_dashboard_page.hpp"

#include <auditrail/events/time.hpp>

#include "../health_scores.hpp"
#include "../pages/dashboard_page.hpp"
#include "../pages/html.hpp"
#include "../pages/page_database.hpp"
#include "../pages/page_session.hpp"

namespace auditrail::query {
namespace {

constexpr int kAtRiskShown = 20;
constexpr int kLatestShown = 20;

/// The tenant's events of the last 30 days, newest first (the search's default window).
SearchFilter LatestFilter(events::TimeUs now) {
    SearchFilter filter;
    filter.from = now - kDefaultWindowUs;
    filter.to = now + kDefaultToAheadUs;
    filter.order = SortOrder::kDesc;
    return filter;
}

}  // namespace

http::Response GetDashboardPage::operator()(http::Request& request) const {
    auto session = CheckPageSession(request, context_);
    if (!session.viewer) return std::move(session.refusal);
    const auto& viewer = session.viewer;
    const bool can_health = viewer->HasScope("health:read");
    const bool can_events = viewer->HasScope("events:read");
    if (!can_health && !can_events) return PageForbidden(*viewer, "viewing the dashboard");

    const events::TimeUs now = events::NowUs();
    DashboardContent content;
    // At-risk means below the watch band's lower edge.
    content.threshold = context_.health.watch_min;
    return PageWithDatabase(*viewer, [&] {
        auto connection = context_.pool.Acquire();
        if (can_health) {
            // The snapshot, as the at-risk API without as_of: scoring every customer exactly took 2-3 s and
            // ~190 MB a page view at 10 M events.
            content.at_risk =
                ListAtRiskNow(*connection, context_.health, viewer->tenant, content.threshold, kAtRiskShown);
        }
        if (can_events) {
            content.latest = ListEvents(*connection, context_.cursors, LatestFilter(now), viewer->tenant, std::nullopt,
                                        kLatestShown);
            content.counts = CountRecentEvents(*connection, viewer->tenant, now);
        }
        return HtmlPage(200, {.title = "Dashboard", .viewer = &*viewer, .flashes = {}}, DashboardHtml(content));
    });
}

}  // namespace auditrail::query
