#include "health_delta.hpp"

#include <auditrail/events/time.hpp>
#include <auditrail/health/state.hpp>

#include <simdjson.h>

#include <algorithm>

namespace auditrail::ingest {
namespace {

using events::TypedData;

std::optional<TimeUs> TimeField(simdjson::dom::object data, std::string_view key) {
    std::string_view text;
    if (data[key].get(text) != simdjson::SUCCESS) return std::nullopt;
    return events::ParseRfc3339(text);
}

std::optional<std::string> StringField(simdjson::dom::object data, std::string_view key) {
    std::string_view text;
    if (data[key].get(text) != simdjson::SUCCESS) return std::nullopt;
    return std::string(text);
}

/// For events the validator did not type (built by hand): the fields read back from `data`'s JSON text.
TypedData ReadTypedData(const std::optional<std::string>& json) {
    TypedData typed;
    if (!json) return typed;
    thread_local simdjson::dom::parser parser;
    simdjson::dom::object data;
    if (parser.parse(*json).get(data) != simdjson::SUCCESS) return typed;
    for (std::string_view key : {"invoice_id", "ticket_id"}) {
        simdjson::dom::element id;
        if (data[key].get(id) != simdjson::SUCCESS) continue;
        if (id.is_string()) {
            typed.reference = std::string(id.get_string().value_unsafe());
        } else if (id.is_int64()) {
            typed.reference = std::to_string(id.get_int64().value_unsafe());
        } else if (id.is_uint64()) {
            typed.reference = std::to_string(id.get_uint64().value_unsafe());
        }
    }
    typed.due_at = TimeField(data, "due_at");
    typed.paid_at = TimeField(data, "paid_at");
    typed.created_at = TimeField(data, "created_at");
    typed.closed_at = TimeField(data, "closed_at");
    typed.priority = StringField(data, "priority");
    typed.feature = StringField(data, "feature");
    std::int64_t count = 0;
    if (data["count"].get(count) == simdjson::SUCCESS && count >= 1 && count <= events::kMaxDataCount) {
        typed.count = count;
    }
    return typed;
}

/// Counts an event at `at` into the activity bucket `key`.
HealthDelta::Activity& CountInto(std::map<HealthDelta::DayKey, HealthDelta::Activity>& activity, HealthDelta::DayKey key,
                                 TimeUs at) {
    HealthDelta::Activity& bucket = activity.try_emplace(std::move(key), HealthDelta::Activity{0, 0, at, at}).first->second;
    bucket.events += 1;
    bucket.first_at = std::min(bucket.first_at, at);
    bucket.last_at = std::max(bucket.last_at, at);
    return bucket;
}

std::optional<TimeUs> Least(std::optional<TimeUs> a, std::optional<TimeUs> b) {
    if (!a) return b;
    if (!b) return a;
    return std::min(*a, *b);
}

}  // namespace

void HealthDelta::Add(const std::string& tenant, const events::Event& event) {
    if (!event.customer_id) return;
    const std::int64_t customer = *event.customer_id;
    const TimeUs at = event.occurred_at;
    const std::string& action = event.action;
    const bool counts_usage = action == "api.call" || action == "feature.used";
    const bool typed = counts_usage || action.rfind("invoice.", 0) == 0 || action.rfind("ticket.", 0) == 0;
    // The validator keeps the typed fields; only events built by hand need `data` parsed again.
    static const TypedData kNone;
    TypedData parsed;
    const TypedData& data = event.typed ? *event.typed : typed ? (parsed = ReadTypedData(event.data)) : kNone;

    // The model counts logins, calls and uses per day; of every other action it only needs to know that there was an
    // event (health::kOtherActionsKey), so they all share one bucket per customer and day.
    const bool counted = health::ActivityOf(action) != health::Activity::kOther;
    HealthDelta::Activity& bucket = CountInto(
        activity, {tenant, customer, health::DayOf(at), counted ? action : std::string(health::kOtherActionsKey)}, at);
    if (counts_usage) bucket.usage += data.count;

    if (action == "feature.used" && data.feature) {
        auto [use, unused] = features.try_emplace(DayKey{tenant, customer, health::DayOf(at), *data.feature}, Feature{at, at});
        use->second.first_at = std::min(use->second.first_at, at);
        use->second.last_at = std::max(use->second.last_at, at);
    } else if ((action == "invoice.issued" || action == "invoice.paid") && !data.reference.empty()) {
        Invoice& invoice = invoices[ItemKey{tenant, customer, data.reference}];
        if (action == "invoice.issued") {
            // The latest issue (by occurred_at) sets the due date.
            if (!invoice.issued_at || at >= *invoice.issued_at) {
                invoice.due_at = data.due_at;
                invoice.issued_at = at;
            }
        } else {
            invoice.paid_at = Least(invoice.paid_at, data.paid_at.value_or(at));
        }
    } else if ((action == "ticket.opened" || action == "ticket.closed") && !data.reference.empty()) {
        Ticket& ticket = tickets[ItemKey{tenant, customer, data.reference}];
        if (action == "ticket.opened") {
            if (!ticket.opened_seen_at || at >= *ticket.opened_seen_at) {
                ticket.priority = data.priority.value_or("normal");
                ticket.opened_at = data.created_at.value_or(at);
                ticket.opened_seen_at = at;
            }
        } else {
            ticket.closed_at = Least(ticket.closed_at, data.closed_at.value_or(at));
            // Until the open is seen, the close's created_at stands in for the opening time.
            if (!ticket.opened_seen_at) ticket.opened_at = Least(ticket.opened_at, data.created_at);
        }
    }
}

}  // namespace auditrail::ingest
