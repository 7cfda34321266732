#include "health_html.hpp"

#include "html.hpp"

#include <auditrail/events/time.hpp>

namespace auditrail::query {
namespace {

std::string IdAttribute(std::string_view id) { return id.empty() ? std::string() : " id=\"" + HtmlEscape(id) + "\""; }

}  // namespace

std::string BandHtml(health::Band band, std::string_view id) {
    const std::string name(health::BandName(band));
    std::string shown = name;
    for (char& c : shown) {
        if (c == '_') c = ' ';
    }
    return "<span" + IdAttribute(id) + " class=\"band band-" + name + "\">" + HtmlEscape(shown) + "</span>";
}

std::string SignalsHtml(const std::vector<health::Signal>& signals, std::string_view id) {
    std::string html = "<ul" + IdAttribute(id) + " class=\"signals\">";
    for (const auto& signal : signals) {
        const std::string severity(health::SeverityName(signal.severity));
        html += "<li class=\"sev-" + severity + "\" data-code=\"" + HtmlEscape(signal.code) +
                "\"><span class=\"sev\">" + severity + "</span> " + HtmlEscape(signal.message) + "</li>";
    }
    html += "</ul>";
    if (signals.empty()) html += "<p class=\"muted\">No signals.</p>";
    return html;
}

std::string NotAllowedHtml(std::string_view what) {
    return "<p class=\"muted not-allowed\">Your role does not allow " + HtmlEscape(what) + ".</p>";
}

std::string MomentHtml(health::TimeUs t) {
    const std::string rfc3339 = events::FormatRfc3339(t);
    std::string shown = rfc3339.substr(0, 19) + " UTC";
    shown[10] = ' ';
    return "<time datetime=\"" + rfc3339 + "\">" + shown + "</time>";
}

}  // namespace auditrail::query
