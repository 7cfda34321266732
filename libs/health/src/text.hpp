#pragma once

// Number formatting shared by the sentences and the JSON; private to the library.

#include <auditrail/health/state.hpp>
#include <cstdint>
#include <string>
#include <string_view>

namespace auditrail::health::internal {

/// The shortest text that reads back as `value` ("7", "2.5", "58.333333333333336"); never "-0".
std::string FormatNumber(double value);

/// "1 ticket", "3 tickets".
std::string Count(std::int64_t n, std::string_view singular, std::string_view plural);

/// Whole days from `earlier` to `later`, rounded down.
std::int64_t WholeDays(TimeUs earlier, TimeUs later);

/// YYYY-MM-DD of `t` in UTC.
std::string DateOf(TimeUs t);

}  // namespace auditrail::health::internal
