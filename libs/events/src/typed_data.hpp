#pragma once

#include <simdjson.h>

#include <auditrail/events/event.hpp>
#include <optional>
#include <string_view>

#include "field_rules.hpp"

namespace auditrail::events::detail {

/// Whether `action` is one of the customer-activity actions (they carry typed data and need customer_id).
bool IsCustomerActivity(std::string_view action);

/// Checks the typed `data` of a customer-activity action. `data` is empty when the event has no data object;
/// `occurred_at` is empty when the event's own occurred_at was invalid. The fields found are stored in `typed`
/// (meaningful only when nothing was reported).
void ValidateTypedData(std::string_view action, std::optional<simdjson::dom::object> data,
                       std::optional<TimeUs> occurred_at, ErrorSink& sink, TypedData& typed);

}  // namespace auditrail::events::detail
