#include "dashboard_page.hpp"

#include "event_table.hpp"
#include "health_html.hpp"
#include "html.hpp"

namespace auditrail::query {
namespace {

constexpr std::string_view kNoHealth = "reading customer health";
constexpr std::string_view kNoEvents = "reading events";

std::string Figure(std::string_view label, const std::string& value, std::string_view id) {
    return "<div id=\"" + std::string(id) + "\"><strong>" + HtmlEscape(value) + "</strong>" + HtmlEscape(label) +
           "</div>";
}

std::string TotalsHtml(const DashboardContent& content) {
    std::string html = "<section id=\"totals\"><h2>Totals</h2><div class=\"totals\">";
    if (content.at_risk) {
        const auto& totals = content.at_risk->totals;
        html += Figure("healthy customers", std::to_string(totals.healthy), "total-healthy");
        html += Figure("customers to watch", std::to_string(totals.watch), "total-watch");
        html += Figure("customers at risk", std::to_string(totals.at_risk), "total-at-risk");
    }
    if (content.counts) {
        html += Figure("events in the last 24 hours", CountText(content.counts->last_day), "total-events-day");
        html += Figure("events in the last 30 days", CountText(content.counts->last_30_days), "total-events-30-days");
    }
    html += "</div>";
    if (!content.at_risk) html += NotAllowedHtml(kNoHealth);
    if (!content.counts) html += NotAllowedHtml(kNoEvents);
    return html + "</section>";
}

std::string AtRiskHtml(const DashboardContent& content) {
    std::string html = "<section id=\"at-risk\"><h2>At-risk customers</h2>";
    if (!content.at_risk) return html + NotAllowedHtml(kNoHealth) + "</section>";
    const auto& customers = content.at_risk->customers;
    // The list comes from the background snapshot (at most one refresh interval old) when there is one.
    html += "<p class=\"muted\">Score below " + std::to_string(content.threshold) + ", lowest first, as of " +
            MomentHtml(content.at_risk->as_of) + ".</p>";
    if (customers.empty()) return html + "<p>No customer is at risk.</p></section>";
    html +=
        "<div class=\"scroll\"><table class=\"stack\"><thead><tr><th>Customer</th><th>Score</th><th>Band</th>"
        "<th>Signals</th></tr></thead><tbody>";
    for (const auto& report : customers) {
        const std::string id = std::to_string(report.customer_id);
        html += "<tr data-customer-id=\"" + id + "\"><td><a href=\"/customers/" + id + "\">Customer " + id +
                "</a></td><td class=\"score\" data-label=\"Score\">" + std::to_string(report.score) + "</td><td>" +
                BandHtml(report.band) + "</td><td>" + SignalsHtml(report.signals) + "</td></tr>";
    }
    return html + "</tbody></table></div></section>";
}

std::string LatestEventsHtml(const DashboardContent& content) {
    std::string html = "<section id=\"latest-events\"><h2>Latest events</h2>";
    if (!content.latest) return html + NotAllowedHtml(kNoEvents) + "</section>";
    if (content.latest->count == 0) return html + "<p>No event in the last 30 days.</p></section>";
    return html + EventTableHtml(content.latest->rows, content.latest->count, {.customer = true}) + "</section>";
}

}  // namespace

std::string DashboardHtml(const DashboardContent& content) {
    return "<h1>Dashboard</h1>" + TotalsHtml(content) + AtRiskHtml(content) + LatestEventsHtml(content);
}

}  // namespace auditrail::query
