#include <auditrail/events/time.hpp>
#include <chrono>
#include <limits>
#include <cstdio>

#include "civil.hpp"

namespace auditrail::events {
namespace {

constexpr TimeUs kUsPerSecond = 1'000'000;
constexpr TimeUs kUsPerMinute = 60 * kUsPerSecond;
constexpr TimeUs kUsPerDay = 86'400 * kUsPerSecond;

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// Reads `count` decimal digits at `pos`.
bool ReadDigits(std::string_view text, std::size_t pos, std::size_t count, int& out) {
    if (pos + count > text.size()) return false;
    int value = 0;
    for (std::size_t i = pos; i < pos + count; ++i) {
        if (!IsDigit(text[i])) return false;
        value = value * 10 + (text[i] - '0');
    }
    out = value;
    return true;
}

}  // namespace

TimeUs NowUs() {
    using namespace std::chrono;
    return duration_cast<microseconds>(system_clock::now().time_since_epoch()).count();
}

// Accepted: YYYY-MM-DDTHH:MM:SS[.fraction](Z|z|+hh:mm|-hh:mm), 'T' or 't' between date and time.
// Refused: years 0000, leap seconds (:60), a space instead of 'T', an empty fraction, and an offset that moves the
// instant out of years 0001-9999 in UTC (0001-01-01T00:30:00+01:00), which could not be written back in this form.
std::optional<TimeUs> ParseRfc3339(std::string_view text) {
    int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
    if (text.size() < 20 || !ReadDigits(text, 0, 4, year) || text[4] != '-' || !ReadDigits(text, 5, 2, month) ||
        text[7] != '-' || !ReadDigits(text, 8, 2, day) || (text[10] != 'T' && text[10] != 't') ||
        !ReadDigits(text, 11, 2, hour) || text[13] != ':' || !ReadDigits(text, 14, 2, minute) || text[16] != ':' ||
        !ReadDigits(text, 17, 2, second)) {
        return std::nullopt;
    }
    if (year < 1 || month < 1 || month > 12 || day < 1 || day > detail::DaysInMonth(year, month) || hour > 23 ||
        minute > 59 || second > 59) {
        return std::nullopt;
    }

    std::size_t pos = 19;
    TimeUs micros = 0;
    if (text[pos] == '.') {
        ++pos;
        int digits = 0;
        for (; pos < text.size() && IsDigit(text[pos]); ++pos, ++digits) {
            if (digits < 6) micros = micros * 10 + (text[pos] - '0');  // digits past microseconds are truncated
        }
        if (digits == 0) return std::nullopt;
        for (; digits < 6; ++digits) micros *= 10;
    }

    if (pos >= text.size()) return std::nullopt;
    TimeUs offset = 0;
    const char zone = text[pos];
    if (zone == 'Z' || zone == 'z') {
        ++pos;
    } else if (zone == '+' || zone == '-') {
        int offset_hours = 0, offset_minutes = 0;
        if (!ReadDigits(text, pos + 1, 2, offset_hours) || pos + 3 >= text.size() || text[pos + 3] != ':' ||
            !ReadDigits(text, pos + 4, 2, offset_minutes) || offset_hours > 23 || offset_minutes > 59) {
            return std::nullopt;
        }
        offset = (offset_hours * 60 + offset_minutes) * kUsPerMinute * (zone == '-' ? -1 : 1);
        pos += 6;
    } else {
        return std::nullopt;
    }
    if (pos != text.size()) return std::nullopt;

    const TimeUs seconds_of_day = hour * 3600 + minute * 60 + second;
    const TimeUs instant =
        detail::DaysFromCivil(year, month, day) * kUsPerDay + seconds_of_day * kUsPerSecond + micros - offset;
    constexpr TimeUs kEarliest = detail::DaysFromCivil(1, 1, 1) * kUsPerDay;
    constexpr TimeUs kLatest = detail::DaysFromCivil(10000, 1, 1) * kUsPerDay - 1;
    if (instant < kEarliest || instant > kLatest) return std::nullopt;
    return instant;
}

void AppendRfc3339(std::string& out, TimeUs t) {
    const std::int64_t days = detail::FloorDiv(t, kUsPerDay);
    const TimeUs of_day = t % kUsPerDay < 0 ? t % kUsPerDay + kUsPerDay : t % kUsPerDay;
    const TimeUs seconds = of_day / kUsPerSecond;
    // Years 0000-9999 are the days from -719528 to 2932896.
    if (days < -719528 || days > 2932896) {
        const detail::CivilDate date = detail::CivilFromDays(days);
        // Far outside any event's range: the general (slow) form, as printf writes it.
        char buffer[64];
        const int length = std::snprintf(
            buffer, sizeof(buffer), "%04lld-%02d-%02dT%02lld:%02lld:%02lld.%06lldZ", static_cast<long long>(date.year),
            date.month, date.day, static_cast<long long>(seconds / 3600), static_cast<long long>(seconds / 60 % 60),
            static_cast<long long>(seconds % 60), static_cast<long long>(of_day % kUsPerSecond));
        out.append(buffer, static_cast<std::size_t>(length));
        return;
    }
    // snprintf took a quarter of the health-state writer's time: digits by hand, and the date part of the
    // previous call again when the day repeats (it mostly does: a batch's times are close together).
    thread_local std::int64_t cached_days = std::numeric_limits<std::int64_t>::min();
    thread_local char buffer[27];
    const auto put = [](int pos, int digits, std::int64_t value) {
        for (int i = pos + digits - 1; i >= pos; --i) {
            buffer[i] = static_cast<char>('0' + value % 10);
            value /= 10;
        }
    };
    if (days != cached_days) {
        const detail::CivilDate date = detail::CivilFromDays(days);
        put(0, 4, date.year);
        buffer[4] = '-';
        put(5, 2, date.month);
        buffer[7] = '-';
        put(8, 2, date.day);
        buffer[10] = 'T';
        cached_days = days;
    }
    put(11, 2, seconds / 3600);
    buffer[13] = ':';
    put(14, 2, seconds / 60 % 60);
    buffer[16] = ':';
    put(17, 2, seconds % 60);
    buffer[19] = '.';
    put(20, 6, of_day % kUsPerSecond);
    buffer[26] = 'Z';
    out.append(buffer, sizeof buffer);
}

std::string FormatRfc3339(TimeUs t) {
    std::string out;
    out.reserve(27);
    AppendRfc3339(out, t);
    return out;
}

TimeUs MonthStart(TimeUs t, int months_delta) {
    const detail::CivilDate date = detail::CivilFromDays(detail::FloorDiv(t, kUsPerDay));
    const std::int64_t months = date.year * 12 + (date.month - 1) + months_delta;
    const std::int64_t year = detail::FloorDiv(months, 12);
    const int month = static_cast<int>(months - year * 12) + 1;
    return detail::DaysFromCivil(year, month, 1) * kUsPerDay;
}

}  // namespace auditrail::events
