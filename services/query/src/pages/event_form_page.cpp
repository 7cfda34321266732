#include "event_form_page.hpp"

#include <string>
#include <string_view>

namespace auditrail::query {
namespace {

/// What each data field is for, shown under it (API.md §2's table, by field).
std::string_view HintOf(std::string_view name) {
    if (name == "occurred_at") return "UTC; empty means now.";
    if (name == "invoice_id") return "invoice.issued, invoice.paid (required).";
    if (name == "amount") return "Greater than 0; invoice.issued (required), invoice.paid.";
    if (name == "currency") return "Three upper-case letters (ISO 4217); invoice.issued (required).";
    if (name == "due_at") return "UTC; invoice.issued (required).";
    if (name == "paid_at") return "UTC; invoice.paid (default: occurred at).";
    if (name == "ticket_id") return "ticket.opened, ticket.closed (required).";
    if (name == "priority") return "ticket.opened (default: normal).";
    if (name == "created_at") return "UTC; ticket.opened (default: occurred at), ticket.closed.";
    if (name == "closed_at") return "UTC; ticket.closed (default: occurred at).";
    if (name == "endpoint") return "api.call (required).";
    if (name == "feature") return "feature.used (required).";
    if (name == "count") return "An integer of at least 1; api.call, feature.used (default 1).";
    return {};
}

std::string Options(std::string_view selected,
                    const std::vector<std::pair<std::string_view, std::string_view>>& options) {
    std::string html;
    for (const auto& [value, text] : options) {
        html += "<option value=\"" + HtmlEscape(value) + "\"" + (value == selected ? " selected" : "") + ">" +
                HtmlEscape(text) + "</option>";
    }
    return html;
}

std::string ControlOf(const EventFormField& field, const std::string& value) {
    const std::string name(field.name);
    const std::string id = " id=\"" + name + "\" name=\"" + name + "\"";
    if (field.name == "action") {
        std::vector<std::pair<std::string_view, std::string_view>> actions;
        for (const auto action : CustomerActivityActions()) actions.emplace_back(action, action);
        return "<select" + id + ">" + Options(value, actions) + "</select>";
    }
    if (field.name == "outcome") {
        return "<select" + id + ">" +
               Options(value, {{"success", "success"}, {"failure", "failure"}, {"unknown", "unknown"}}) + "</select>";
    }
    if (field.name == "priority") {
        return "<select" + id + ">" +
               Options(value, {{"", "(default: normal)"},
                               {"low", "low"},
                               {"normal", "normal"},
                               {"high", "high"},
                               {"urgent", "urgent"}}) +
               "</select>";
    }
    if (field.name == "message") {
        return "<textarea" + id + " rows=\"3\">" + HtmlEscape(value) + "</textarea>";
    }
    switch (field.kind) {
        case FormFieldKind::kTime:
            return "<input" + id + " type=\"datetime-local\" step=\"1\" value=\"" + HtmlEscape(DatetimeLocalOf(value)) +
                   "\">";
        case FormFieldKind::kNumber:
            return "<input" + id + " type=\"text\" inputmode=\"decimal\" value=\"" + HtmlEscape(value) + "\">";
        default:
            return "<input" + id + " type=\"text\" value=\"" + HtmlEscape(value) + "\">";
    }
}

std::string FieldHtml(const EventFormField& field, const EventFormValues& values) {
    const auto it = values.find(field.name);
    const std::string value = it == values.end() ? std::string() : it->second;
    std::string html = "<label for=\"" + std::string(field.name) + "\">" + HtmlEscape(field.label) + "</label>" +
                       ControlOf(field, value);
    if (const auto hint = HintOf(field.name); !hint.empty()) {
        html += "<div class=\"muted\">" + HtmlEscape(hint) + "</div>";
    }
    return html;
}

}  // namespace

http::Response EventFormPage(int status, const auth::Claims& viewer, std::int64_t customer_id,
                             const EventFormValues& values, std::vector<Flash> flashes) {
    const std::string customer = std::to_string(customer_id);
    std::string content = "<section><h1>Record an event for customer " + customer + "</h1><p><a href=\"/customers/" +
                          customer + "\">Back to customer " + customer +
                          "</a></p><form id=\"event-form\" method=\"post\">";
    bool data_started = false;
    for (const auto& field : EventFormFields()) {
        if (field.in_data && !data_started) {
            content += "<h2>Data</h2><p class=\"muted\">Fill in what the action needs; leave the rest empty.</p>";
            data_started = true;
        }
        content += FieldHtml(field, values);
    }
    content += "<button type=\"submit\">Record event</button></form></section>";
    return HtmlPage(status, {.title = "Record an event", .viewer = &viewer, .flashes = std::move(flashes)}, content);
}

}  // namespace auditrail::query
