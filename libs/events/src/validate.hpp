#pragma once

#include <simdjson.h>

#include <auditrail/events/decode.hpp>
#include <cstddef>
#include <vector>

namespace auditrail::events::detail {

/// Where an event sits and what it is checked against.
struct EventContext {
    std::size_t index = 0;  ///< position in the batch
    TimeUs now = 0;         ///< time of receipt
    const DecodeLimits& limits;
};

/// Applies API.md §2's field rules to one event (already structurally checked) and fills `event`.
/// Every problem is appended to `errors`; returns true when there was none.
bool ValidateEvent(simdjson::dom::element element, const EventContext& context, Event& event,
                   std::vector<FieldError>& errors);

}  // namespace auditrail::events::detail
