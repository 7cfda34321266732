#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace auditrail::events {

/// Microseconds since the Unix epoch, UTC. PostgreSQL's timestamptz precision.
using TimeUs = std::int64_t;

/// The typed `data` fields of a customer-activity action that the health state reads (API.md §2), as the
/// validator found them, so that the writer need not parse `data` again.
struct TypedData {
    std::string reference;  ///< invoice_id or ticket_id as text (an integer id becomes its digits); "" when absent
    std::optional<TimeUs> due_at;
    std::optional<TimeUs> paid_at;
    std::optional<TimeUs> created_at;
    std::optional<TimeUs> closed_at;
    std::optional<std::string> priority;
    std::optional<std::string> feature;
    std::int64_t count = 1;  ///< data.count, 1 when absent
};

/// The largest data.count one event may carry. The health state sums counts per customer and day in 64-bit
/// integers; with this bound no sum can overflow short of 9 billion such events in one customer's day.
inline constexpr std::int64_t kMaxDataCount = 1'000'000'000;

/// One validated event, ready to be written. Optional fields stay empty when the client left them out.
struct Event {
    std::string id;  ///< canonical lower-case UUID text (8-4-4-4-12)
    TimeUs occurred_at = 0;
    std::string category = "general";
    std::string action;
    std::string outcome = "success";
    std::optional<std::string> actor_id;
    std::optional<std::string> actor_type;
    std::optional<std::string> actor_name;
    std::optional<std::string> actor_ip;
    std::optional<std::string> actor_user_agent;
    std::optional<std::int64_t> customer_id;
    std::optional<std::int64_t> store_id;
    std::optional<std::string> resource_type;
    std::optional<std::string> resource_id;
    std::optional<std::string> message;
    std::optional<std::string> data;  ///< compact JSON text of the `data` object, as sent
    std::optional<TypedData> typed;   ///< set by the validator for the customer-activity actions
};

/// Rough heap footprint of an event, for the queue's byte budget.
std::size_t ApproxBytes(const Event& event);

}  // namespace auditrail::events
