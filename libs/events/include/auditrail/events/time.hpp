#pragma once

#include <auditrail/events/event.hpp>

#include <optional>
#include <string>
#include <string_view>

namespace auditrail::events {

/// Now, in microseconds since the epoch (system clock).
TimeUs NowUs();

/// Parses an RFC 3339 date-time with a mandatory offset (`Z` or ±hh:mm), fraction optional
/// (digits past microseconds are truncated). Returns nothing for anything else.
std::optional<TimeUs> ParseRfc3339(std::string_view text);

/// UTC with `Z`, always six fraction digits: 2026-11-23T10:30:00.123000Z.
std::string FormatRfc3339(TimeUs t);
/// FormatRfc3339, appended to `out`.
void AppendRfc3339(std::string& out, TimeUs t);

/// Start of the UTC calendar month containing `t`, moved by `months_delta` months (may be negative).
TimeUs MonthStart(TimeUs t, int months_delta = 0);

}  // namespace auditrail::events
