#include "text.hpp"

#include <auditrail/events/time.hpp>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <string>
#include <system_error>

namespace auditrail::health::internal {

std::string FormatNumber(double value) {
    if (value == 0) {
        value = 0;  // no "-0"
    }
    // Whole numbers as integers: the shortest form of 3000000000 is "3e+09", which reads as an estimate.
    if (std::trunc(value) == value && std::abs(value) < 9007199254740992.0) {
        return std::to_string(static_cast<std::int64_t>(value));
    }
    char buffer[32];
    const auto [end, error] = std::to_chars(buffer, buffer + sizeof buffer, value);
    return error == std::errc{} ? std::string(buffer, end) : std::string("0");
}

std::string Count(std::int64_t n, std::string_view singular, std::string_view plural) {
    std::string text = std::to_string(n);
    text += ' ';
    text += n == 1 ? singular : plural;
    return text;
}

std::int64_t WholeDays(TimeUs earlier, TimeUs later) { return DayOf(later - earlier); }

std::string DateOf(TimeUs t) { return events::FormatRfc3339(t).substr(0, 10); }

}  // namespace auditrail::health::internal
