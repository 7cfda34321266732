#pragma once

#include <auditrail/events/field_error.hpp>
#include <auditrail/http/query_string.hpp>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace auditrail::query {

/// How the event form shows a field and how its text becomes JSON.
enum class FormFieldKind {
    kText,    ///< a JSON string
    kTime,    ///< datetime-local (read as UTC) or RFC 3339, a JSON string
    kNumber,  ///< a JSON number when the text is one, else a string (the validator then says what is wrong)
    kChoice,  ///< a select; a JSON string
};

struct EventFormField {
    std::string_view name;   ///< the input's name, and the event field (top level or inside `data`)
    std::string_view label;  ///< what people read
    FormFieldKind kind;
    bool in_data;  ///< a typed `data` field of API.md §2
};

/// Every field of the form, in page order: action, occurred_at, outcome, message, then the data fields.
const std::vector<EventFormField>& EventFormFields();

/// The customer-activity actions of API.md §2 (HEALTH.md), the only ones the form records.
const std::vector<std::string_view>& CustomerActivityActions();

/// What was entered, by field name (absent fields are empty).
using EventFormValues = std::map<std::string, std::string, std::less<>>;

/// The form's fields out of a decoded body; other names are ignored.
EventFormValues ReadEventForm(const http::Params& form);

/// The event the form describes as an API.md §2 JSON object for the ingest decoder: category `customer`,
/// `customer_id`, and every non-empty field (data fields inside `data`).
std::string EventJsonOf(const EventFormValues& values, std::int64_t customer_id);

/// "Amount (amount): must be greater than 0": a validator error as a sentence naming the form field.
std::string FieldErrorText(const events::FieldError& error);

/// The datetime-local form (YYYY-MM-DDTHH:MM:SS, UTC) of an RFC 3339 value, so that a browser shows it again;
/// the value unchanged when it is not RFC 3339.
std::string DatetimeLocalOf(const std::string& value);

}  // namespace auditrail::query
