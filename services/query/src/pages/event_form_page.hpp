#pragma once

#include <auditrail/auth/claims.hpp>
#include <auditrail/http/response.hpp>
#include <cstdint>
#include <vector>

#include "../event_form.hpp"
#include "html.hpp"

namespace auditrail::query {

/// The form that records one customer-activity event for customer `customer_id` (API.md §5), with `values`
/// refilled (all escaped) and `flashes` above it. DOM hooks for the browser tests: `form#event-form`, inputs
/// named as the fields of EventFormFields(), the button "Record event".
http::Response EventFormPage(int status, const auth::Claims& viewer, std::int64_t customer_id,
                             const EventFormValues& values, std::vector<Flash> flashes = {});

}  // namespace auditrail::query
