#include "get_customer_page.hpp"

#include <auditrail/events/time.hpp>
#include <auditrail/health/state.hpp>
#include <vector>

#include "../health_parameters.hpp"
#include "../health_scores.hpp"
#include "../pages/customer_page.hpp"
#include "../pages/customer_page_parameters.hpp"
#include "../pages/html.hpp"
#include "../pages/page_database.hpp"
#include "../pages/page_session.hpp"

namespace auditrail::query {
namespace {

constexpr int kEventsPerPage = 25;
constexpr int kChartDays = 90;
/// How far back the event history reaches (the search code needs a window; a year keeps it bounded).
constexpr events::TimeUs kHistoryUs = 366 * health::kDayUs;

/// The moment of each chart point: the end of each of the 90 UTC days up to `as_of`, the last one
/// `as_of` itself (so the chart ends at the page's score).
std::vector<health::TimeUs> ChartMoments(health::TimeUs as_of, std::int64_t& first_day) {
    const std::int64_t last_day = health::DayOf(as_of - 1);
    first_day = last_day - (kChartDays - 1);
    std::vector<health::TimeUs> moments;
    moments.reserve(kChartDays);
    for (std::int64_t day = first_day; day <= last_day; ++day) {
        moments.push_back(std::min((day + 1) * health::kDayUs, as_of));
    }
    return moments;
}

SearchFilter HistoryFilter(std::int64_t customer_id, health::TimeUs as_of) {
    SearchFilter filter;
    filter.customer_id = customer_id;
    filter.from = as_of - kHistoryUs;
    filter.to = as_of;
    filter.order = SortOrder::kDesc;
    return filter;
}

http::Response BadRequest(const auth::Claims& viewer, const std::string& why) {
    return HtmlPage(400, {.title = "Bad request", .viewer = &viewer, .flashes = {}},
                    "<section><h1>Bad request</h1><p>" + HtmlEscape(why) + "</p></section>");
}

}  // namespace

http::Response GetCustomerPage::operator()(http::Request& request) const {
    auto session = CheckPageSession(request, context_);
    if (!session.viewer) return std::move(session.refusal);
    const auto& viewer = session.viewer;
    const bool can_health = viewer->HasScope("health:read");
    const bool can_events = viewer->HasScope("events:read");
    if (!can_health && !can_events) return PageForbidden(*viewer, "viewing customers");
    const auto customer_id = ParseCustomerId(request.path_params.at(0));
    if (!customer_id) return PageNotFound(*viewer, "There is no customer with this id.");
    const auto parse = ParseCustomerPageParameters(request.query, events::NowUs());
    if (parse.error) return BadRequest(*viewer, *parse.error);
    const auto& parameters = parse.parameters;

    CustomerContent content;
    content.customer_id = *customer_id;
    content.as_of = parameters.as_of;
    content.as_of_given = parameters.as_of_given;
    content.can_record = viewer->HasScope("events:write");
    SearchFilter filter = HistoryFilter(*customer_id, parameters.as_of);
    std::optional<KeysetPosition> after;
    if (parameters.cursor) {
        after = ResumeAt(context_.cursors, viewer->tenant, filter, *parameters.cursor);
        if (!after) return BadRequest(*viewer, "This link to older events is not valid for this customer.");
        content.older_page = true;
    }

    return PageWithDatabase(*viewer, [&] {
        auto connection = context_.pool.Acquire();
        const auto not_found = [&] {
            return PageNotFound(*viewer, "No customer with this id has an event before this moment.");
        };
        if (can_health) {
            content.health =
                CustomerHealth(*connection, context_.health, viewer->tenant, *customer_id, parameters.as_of);
            if (!content.health) return not_found();
            const auto moments = ChartMoments(parameters.as_of, content.chart.first_day);
            content.chart.scores = ScoreHistory(*connection, context_.health, viewer->tenant, *customer_id, moments);
            content.chart.watch_min = context_.health.watch_min;
            content.chart.healthy_min = context_.health.healthy_min;
            content.chart.title = "Health score of customer " + std::to_string(*customer_id) + ", last 90 days";
        }
        if (can_events) {
            content.events = ListEvents(*connection, context_.cursors, filter, viewer->tenant, after, kEventsPerPage);
            // Without health:read, the first page of the history is what tells whether the customer exists.
            if (!can_health && !content.older_page && content.events->count == 0) return not_found();
        }
        return HtmlPage(200, {.title = "Customer " + std::to_string(*customer_id), .viewer = &*viewer, .flashes = {}},
                        CustomerHtml(content));
    });
}

}  // namespace auditrail::query
