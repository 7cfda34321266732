#include "event_table.hpp"

#include "../event_json.hpp"
#include "html.hpp"

namespace auditrail::query {
namespace {

/// Long `data` would make a row unreadable; its start is enough to recognise an invoice or a ticket.
constexpr std::size_t kMaxDataChars = 160;

/// `text` cut to at most `max` bytes without splitting a UTF-8 character, with "…" when cut.
std::string Shortened(std::string_view text, std::size_t max) {
    if (text.size() <= max) return std::string(text);
    std::size_t end = max;
    while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
    return std::string(text.substr(0, end)) + "…";
}

/// A cell labelled `label` (shown before it when the table is stacked on a phone); empty for NULL.
std::string Cell(std::string_view label, std::string_view html) {
    if (html.empty()) return "<td></td>";
    return "<td data-label=\"" + std::string(label) + "\">" + std::string(html) + "</td>";
}

std::string Text(const EventRow& row, EventColumn column) {
    return row.null[column] ? std::string() : HtmlEscape(row.value[column]);
}

}  // namespace

std::string TimeHtml(std::string_view pg_timestamp) {
    const std::string rfc3339 = Rfc3339(pg_timestamp);
    // "2026-11-23T10:30:00.123000Z" read as "2026-11-23 10:30:00".
    std::string shown = rfc3339.substr(0, 19);
    if (shown.size() > 10) shown[10] = ' ';
    return "<time datetime=\"" + HtmlEscape(rfc3339) + "\">" + HtmlEscape(shown) + "</time>";
}

std::string EventTableHtml(const pg::Result& rows, int count, EventTableColumns columns) {
    std::string html =
        "<div class=\"scroll\"><table class=\"events stack\"><thead><tr><th>Time (UTC)</th><th>Action</th>"
        "<th>Outcome</th>";
    if (columns.customer) html += "<th>Customer</th>";
    html += "<th>Actor</th><th>Message</th>";
    if (columns.data) html += "<th>Data</th>";
    html += "</tr></thead><tbody>";
    for (int i = 0; i < count; ++i) {
        const EventRow row = RowOf(rows, i);
        html += "<tr data-event-id=\"" + HtmlEscape(row.value[kId]) + "\"><td class=\"nowrap\">" +
                TimeHtml(row.value[kOccurredAt]) + "</td>";
        html += Cell("Action", Text(row, kAction));
        html += Cell("Outcome", Text(row, kOutcome));
        if (columns.customer) {
            const std::string id = Text(row, kCustomerId);
            html += Cell("Customer", id.empty() ? id : "<a href=\"/customers/" + id + "\">" + id + "</a>");
        }
        // The actor's name when it has one, its id otherwise; both when they differ.
        std::string actor;
        if (!row.null[kActorName]) actor = HtmlEscape(row.value[kActorName]);
        if (!row.null[kActorId] && row.value[kActorId] != row.value[kActorName]) {
            actor += actor.empty() ? HtmlEscape(row.value[kActorId])
                                   : " <span class=\"muted\">(" + HtmlEscape(row.value[kActorId]) + ")</span>";
        }
        html += Cell("Actor", actor);
        html += Cell("Message", Text(row, kMessage));
        if (columns.data) {
            std::string data;
            if (!row.null[kData]) AppendCompactJson(data, row.value[kData]);
            if (data == "{}") data.clear();
            html +=
                Cell("Data", data.empty() ? data : "<code>" + HtmlEscape(Shortened(data, kMaxDataChars)) + "</code>");
        }
        html += "</tr>";
    }
    html += "</tbody></table></div>";
    return html;
}

}  // namespace auditrail::query
