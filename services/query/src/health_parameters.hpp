#pragma once

#include <auditrail/events/time.hpp>
#include <cstdint>
#include <optional>
#include <string_view>

namespace auditrail::query {

/// The query parameters of the health routes (API.md §4).
struct HealthParameters {
    events::TimeUs as_of = 0;  ///< `as_of`, RFC 3339; default now
    bool as_of_given = false;  ///< whether `as_of` was in the query (else as_of is now)
    int limit = 50;            ///< at-risk only: 1–1000
    int threshold = 50;        ///< at-risk only: 0–100
};

/// An `as_of` value: an RFC 3339 date-time from 1970-01-01T00:00:00Z on (the health windows reach 180 days back
/// from it, which must stay within the years PostgreSQL and RFC 3339 can both write); nothing otherwise.
std::optional<events::TimeUs> ParseAsOf(std::string_view text);
inline constexpr std::string_view kAsOfRule =
    "is not an RFC 3339 date-time with an offset from 1970-01-01T00:00:00Z on";

/// Parses `query`; `limit` and `threshold` are accepted only when `at_risk`.
/// @throws http::HttpError 400 invalid_parameter naming the parameter (unknown, repeated or out of range).
HealthParameters ParseHealthParameters(std::string_view query, bool at_risk);

/// A customer id of the path: a decimal integer (as events carry it); nothing for anything else.
std::optional<std::int64_t> ParseCustomerId(std::string_view text);

}  // namespace auditrail::query
