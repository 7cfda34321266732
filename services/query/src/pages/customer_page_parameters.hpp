#pragma once

#include <auditrail/events/time.hpp>
#include <optional>
#include <string>
#include <string_view>

namespace auditrail::query {

/// The query parameters of `GET /customers/{id}`.
struct CustomerPageParameters {
    events::TimeUs as_of = 0;                ///< `as_of`, RFC 3339; default now
    std::optional<std::string> as_of_given;  ///< its text, when it came
    std::optional<std::string> cursor;       ///< where the event history continues ("Older events")
};

/// Parsed parameters, or why they cannot be used (a sentence for the page).
struct CustomerPageParse {
    CustomerPageParameters parameters;
    std::optional<std::string> error;
};

/// Parses `query`; an unknown, repeated, empty or malformed parameter is an error.
CustomerPageParse ParseCustomerPageParameters(std::string_view query, events::TimeUs now);

}  // namespace auditrail::query
