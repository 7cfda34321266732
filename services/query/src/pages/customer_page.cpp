#include "customer_page.hpp"

#include <auditrail/events/time.hpp>
#include <auditrail/http/query_string.hpp>
#include <cmath>
#include <cstdio>

#include "event_table.hpp"
#include "health_html.hpp"
#include "html.hpp"

namespace auditrail::query {
namespace {

std::string OneDecimal(double value) {
    char text[32];
    std::snprintf(text, sizeof text, "%.1f", value);
    return text;
}

/// Inputs are counts except `load`, which may be a half.
std::string InputValue(double value) {
    return value == std::floor(value) ? std::to_string(static_cast<long long>(value)) : OneDecimal(value);
}

std::string InputName(std::string name) {
    for (char& c : name) {
        if (c == '_') c = ' ';
    }
    return name;
}

std::string SummaryHtml(const CustomerContent& content) {
    const auto& trend = *content.health;
    const auto& report = trend.report;
    return "<section id=\"summary\"><p class=\"score-line\">Score <span id=\"score\" class=\"score\">" +
           std::to_string(report.score) + "</span> " + BandHtml(report.band, "band") +
           (trend.score_30_days_ago
                ? " <span class=\"muted\">30 days before: " + std::to_string(*trend.score_30_days_ago) + "</span>"
                : std::string(" <span class=\"muted\">no events 30 days before</span>")) +
           "</p></section>";
}

std::string ComponentsHtml(const health::HealthReport& report) {
    std::string html =
        "<section id=\"components\"><h2>Components</h2><div class=\"scroll\"><table class=\"stack\"><thead><tr>"
        "<th>Component</th>"
        "<th>Weight</th><th>Sub-score</th><th>Inputs</th><th>Why</th></tr></thead><tbody>";
    for (const auto& component : report.components) {
        html += "<tr data-component=\"" + HtmlEscape(component.name) + "\"><td><strong>" + HtmlEscape(component.name) +
                "</strong></td><td data-label=\"Weight\">" + OneDecimal(component.weight * 100) +
                " %</td><td class=\"sub-score\" data-label=\"Sub-score\">" + OneDecimal(component.score) +
                "</td><td><ul class=\"inputs\">";
        for (const auto& input : component.inputs) {
            html += "<li data-input=\"" + HtmlEscape(input.name) + "\">" + HtmlEscape(InputName(input.name)) + ": " +
                    InputValue(input.value) + "</li>";
        }
        html += "</ul></td><td>" + HtmlEscape(component.explanation) + "</td></tr>";
    }
    return html + "</tbody></table></div></section>";
}

std::string EventsHtml(const CustomerContent& content) {
    std::string html = "<section id=\"events\"><h2>Event history</h2>";
    if (!content.events) return html + NotAllowedHtml("reading events") + "</section>";
    const auto& page = *content.events;
    if (content.older_page) {
        html += "<p><a href=\"" + HtmlEscape(CustomerPath(content.customer_id, content.as_of_given, std::nullopt)) +
                "#events\">Newest events</a></p>";
    }
    if (page.count == 0) {
        html += "<p>No " + std::string(content.older_page ? "older " : "") + "events in the year before " +
                MomentHtml(content.as_of) + ".</p>";
    } else {
        html += EventTableHtml(page.rows, page.count, {.data = true});
    }
    if (page.next_cursor) {
        html += "<p><a rel=\"next\" href=\"" +
                HtmlEscape(CustomerPath(content.customer_id, content.as_of_given, page.next_cursor)) +
                "#events\">Older events</a></p>";
    }
    return html + "</section>";
}

}  // namespace

std::string CustomerPath(std::int64_t customer_id, const std::optional<std::string>& as_of,
                         const std::optional<std::string>& cursor) {
    std::string path = "/customers/" + std::to_string(customer_id);
    char separator = '?';
    if (as_of) {
        path += separator + std::string("as_of=") + http::PercentEncode(*as_of);
        separator = '&';
    }
    if (cursor) path += separator + std::string("cursor=") + http::PercentEncode(*cursor);
    return path;
}

std::string CustomerHtml(const CustomerContent& content) {
    const std::string id = std::to_string(content.customer_id);
    std::string html = "<h1>Customer " + id + "</h1><p class=\"muted\">As of " + MomentHtml(content.as_of) + ".";
    if (content.can_record) html += " <a href=\"/customers/" + id + "/events/new\">Record an event</a>";
    html += "</p>";
    if (content.health) {
        html += SummaryHtml(content);
        html += ComponentsHtml(content.health->report);
        html += "<section id=\"health-signals\"><h2>Signals</h2>" +
                SignalsHtml(content.health->report.signals, "signals") + "</section>";
        html +=
            "<section id=\"score-history\"><h2>Score, last 90 days</h2>" + ScoreChartSvg(content.chart) + "</section>";
    } else {
        html += "<section id=\"health\"><h2>Health</h2>" + NotAllowedHtml("reading customer health") + "</section>";
    }
    html += EventsHtml(content);
    return html;
}

}  // namespace auditrail::query
