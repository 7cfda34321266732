#include "event_form.hpp"

#include <algorithm>
#include <auditrail/common/json.hpp>
#include <auditrail/events/time.hpp>
#include <cctype>
#include <charconv>
#include <cmath>

namespace auditrail::query {
namespace {

std::string_view Trim(std::string_view text) {
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) text.remove_prefix(1);
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.remove_suffix(1);
    return text;
}

bool IsDigits(std::string_view text) {
    return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

/// RFC 8259's number grammar: -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?
bool IsJsonNumber(std::string_view text) {
    std::size_t i = 0;
    const auto digits = [&] {
        const std::size_t start = i;
        while (i < text.size() && text[i] >= '0' && text[i] <= '9') ++i;
        return i - start;
    };
    if (i < text.size() && text[i] == '-') ++i;
    if (i < text.size() && text[i] == '0') {
        ++i;
    } else if (digits() == 0) {
        return false;
    }
    if (i < text.size() && text[i] == '.') {
        ++i;
        if (digits() == 0) return false;
    }
    if (i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
        ++i;
        if (i < text.size() && (text[i] == '+' || text[i] == '-')) ++i;
        if (digits() == 0) return false;
    }
    return i == text.size();
}

/// A number as JSON the decoder reads without failing the whole document: an integer that fits 64 bits as
/// typed, any other finite number in its shortest form, still not an integer; a string otherwise, so that the
/// validator names the field ("must be a number").
void AppendNumberField(std::string& out, std::string_view text) {
    if (IsJsonNumber(text)) {
        std::int64_t integer = 0;
        const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), integer);
        if (error == std::errc() && end == text.data() + text.size()) {
            out += text;
            return;
        }
        double value = 0;
        const auto parsed = std::from_chars(text.data(), text.data() + text.size(), value);
        if (parsed.ec == std::errc() && std::isfinite(value)) {
            char buffer[64];
            const auto written = std::to_chars(buffer, buffer + sizeof buffer, value);
            const std::string_view shortest(buffer, static_cast<std::size_t>(written.ptr - buffer));
            out += shortest;
            // Still a fraction for the validator ("5.0" is not an integer count, as in the API).
            if (shortest.find_first_of(".eE") == std::string_view::npos) out += ".0";
            return;
        }
    }
    common::AppendJsonString(out, text);
}

/// datetime-local (YYYY-MM-DDTHH:MM[:SS[.fff]], no offset) is read as UTC; anything else goes to the validator
/// as typed.
std::string TimeFieldValue(std::string_view text) {
    std::string value(text);
    if (value.size() >= 16 && (value[10] == 'T' || value[10] == ' ')) {
        const std::string_view tail = std::string_view(value).substr(16);
        const bool no_seconds = tail.empty();
        const bool seconds = tail.size() >= 3 && tail[0] == ':' && IsDigits(tail.substr(1, 2)) &&
                             (tail.size() == 3 || (tail[3] == '.' && IsDigits(tail.substr(4))));
        if (no_seconds || seconds) {
            value[10] = 'T';
            if (no_seconds) value += ":00";
            value += 'Z';
        }
    }
    return value;
}

void AppendMember(std::string& out, const EventFormField& field, const std::string& raw) {
    const bool typed = field.kind == FormFieldKind::kTime || field.kind == FormFieldKind::kNumber;
    const std::string_view text = typed ? Trim(raw) : std::string_view(raw);
    if (text.empty()) return;
    if (out.back() != '{') out.push_back(',');
    common::AppendJsonString(out, field.name);
    out.push_back(':');
    switch (field.kind) {
        case FormFieldKind::kNumber:
            AppendNumberField(out, text);
            break;
        case FormFieldKind::kTime:
            common::AppendJsonString(out, TimeFieldValue(text));
            break;
        case FormFieldKind::kText:
        case FormFieldKind::kChoice:
            common::AppendJsonString(out, text);
            break;
    }
}

const EventFormField* FindField(std::string_view name) {
    const auto& fields = EventFormFields();
    const auto it = std::find_if(fields.begin(), fields.end(), [&](const auto& field) { return field.name == name; });
    return it == fields.end() ? nullptr : &*it;
}

}  // namespace

const std::vector<EventFormField>& EventFormFields() {
    using K = FormFieldKind;
    static const std::vector<EventFormField> kFields{
        {"action", "Action", K::kChoice, false},      {"occurred_at", "Occurred at", K::kTime, false},
        {"outcome", "Outcome", K::kChoice, false},    {"message", "Message", K::kText, false},
        {"invoice_id", "Invoice id", K::kText, true}, {"amount", "Amount", K::kNumber, true},
        {"currency", "Currency", K::kText, true},     {"due_at", "Due at", K::kTime, true},
        {"paid_at", "Paid at", K::kTime, true},       {"ticket_id", "Ticket id", K::kText, true},
        {"priority", "Priority", K::kChoice, true},   {"created_at", "Created at", K::kTime, true},
        {"closed_at", "Closed at", K::kTime, true},   {"endpoint", "Endpoint", K::kText, true},
        {"feature", "Feature", K::kText, true},       {"count", "Count", K::kNumber, true},
    };
    return kFields;
}

const std::vector<std::string_view>& CustomerActivityActions() {
    static const std::vector<std::string_view> kActions{"customer.login", "invoice.issued", "invoice.paid",
                                                        "ticket.opened",  "ticket.closed",  "api.call",
                                                        "feature.used"};
    return kActions;
}

EventFormValues ReadEventForm(const http::Params& form) {
    EventFormValues values;
    for (const auto& field : EventFormFields()) values.emplace(std::string(field.name), std::string());
    for (const auto& [name, value] : form) {
        const auto it = values.find(name);
        if (it != values.end()) it->second = value;
    }
    return values;
}

std::string EventJsonOf(const EventFormValues& values, std::int64_t customer_id) {
    std::string out = "{\"category\":\"customer\",\"customer_id\":" + std::to_string(customer_id);
    std::string data = "{";
    for (const auto& field : EventFormFields()) {
        const auto it = values.find(field.name);
        if (it == values.end()) continue;
        AppendMember(field.in_data ? data : out, field, it->second);
    }
    if (data.size() > 1) out += ",\"data\":" + data + "}";
    out += '}';
    return out;
}

std::string FieldErrorText(const events::FieldError& error) {
    std::string_view name = error.field;
    if (name.rfind("data.", 0) == 0) name.remove_prefix(5);
    std::string label;
    if (const auto* field = FindField(name)) {
        label = std::string(field->label) + " (" + std::string(field->name) + ")";
    } else if (name == "customer_id") {
        label = "Customer id (customer_id)";
    } else {
        label = error.field.empty() ? std::string("The event") : error.field;
    }
    return label + ": " + error.message;
}

std::string DatetimeLocalOf(const std::string& value) {
    const auto time = events::ParseRfc3339(Trim(value));
    if (!time) return value;
    return events::FormatRfc3339(*time).substr(0, 19);
}

}  // namespace auditrail::query
