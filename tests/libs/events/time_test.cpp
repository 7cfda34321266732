#include <auditrail/events/time.hpp>
#include <catch2/catch.hpp>
#include <cstdint>
#include <cstdio>
#include <string>

namespace auditrail::events {
namespace {

constexpr TimeUs kSecond = 1'000'000;

TEST_CASE("RFC 3339 timestamps are parsed to microseconds since the epoch", "[events][time]") {
    struct Case {
        std::string text;
        TimeUs expected;
    };
    const Case kCases[] = {
        {"1970-01-01T00:00:00Z", 0},
        {"1970-01-01T00:00:01z", kSecond},
        {"1970-01-01t00:00:00.5Z", kSecond / 2},
        {"2026-11-23T10:30:00.123Z", 1795429800 * kSecond + 123000},
        {"2026-11-23T11:30:00.123+01:00", 1795429800 * kSecond + 123000},
        {"2026-11-23T05:00:00.123-05:30", 1795429800 * kSecond + 123000},
        {"2026-11-23T10:30:00.1234567899Z", 1795429800 * kSecond + 123456},
        {"2024-02-29T00:00:00Z", 1709164800 * kSecond},
        {"2000-02-29T23:59:59.999999Z", 951868799 * kSecond + 999999},
        {"1969-12-31T23:59:59.999999Z", -1},
        {"0001-01-01T00:00:00Z", -62135596800 * kSecond},
        {"9999-12-31T23:59:59Z", 253402300799 * kSecond},
        {"2026-01-01T00:00:00-00:00", 1767225600 * kSecond},
    };
    for (const Case& c : kCases) {
        CAPTURE(c.text);
        REQUIRE(ParseRfc3339(c.text) == c.expected);
    }
}

TEST_CASE("text that is not an RFC 3339 timestamp with an offset is refused", "[events][time]") {
    const std::string kBad[] = {
        "",
        "2026-11-23",
        "2026-11-23T10:30:00",        // no offset
        "2026-11-23 10:30:00Z",       // space instead of T
        "2026-11-23T10:30Z",          // no seconds
        "2026-11-23T10:30:00.Z",      // empty fraction
        "2026-11-23T10:30:00+0100",   // offset without colon
        "2026-11-23T10:30:00+01",     // short offset
        "2026-11-23T10:30:00+24:00",  // offset hour out of range
        "2026-11-23T10:30:00+01:60",  // offset minute out of range
        "2026-11-23T10:30:00ZZ",      // trailing text
        "2026-11-23T10:30:00Z ",      // trailing space
        "0000-01-01T00:00:00Z",       // year 0
        "2026-00-10T00:00:00Z",       // month 0
        "2026-13-10T00:00:00Z",       // month 13
        "2026-04-31T00:00:00Z",       // April has 30 days
        "2025-02-29T00:00:00Z",       // not a leap year
        "1900-02-29T00:00:00Z",       // century, not a leap year
        "2026-11-00T00:00:00Z",       // day 0
        "2026-11-23T24:00:00Z",       // hour 24
        "2026-11-23T10:60:00Z",       // minute 60
        "2016-12-31T23:59:60Z",       // leap seconds are refused
        "2026-11-23T1a:30:00Z",
        "+2026-11-23T10:30:00Z",
        "2026/11/23T10:30:00Z",
        "0001-01-01T00:30:00+01:00",  // year 0 in UTC
        "9999-12-31T23:30:00-01:00",  // year 10000 in UTC
    };
    for (const std::string& text : kBad) {
        CAPTURE(text);
        REQUIRE_FALSE(ParseRfc3339(text).has_value());
    }
}

TEST_CASE("timestamps are formatted in UTC with six fraction digits", "[events][time]") {
    REQUIRE(FormatRfc3339(0) == "1970-01-01T00:00:00.000000Z");
    REQUIRE(FormatRfc3339(1795429800 * kSecond + 123000) == "2026-11-23T10:30:00.123000Z");
    REQUIRE(FormatRfc3339(-1) == "1969-12-31T23:59:59.999999Z");
    REQUIRE(FormatRfc3339(-62135596800 * kSecond) == "0001-01-01T00:00:00.000000Z");
}

TEST_CASE("formatting then parsing gives back the same time", "[events][time]") {
    const TimeUs kTimes[] = {0,
                             1,
                             -1,
                             951868799 * kSecond + 999999,
                             1709164800 * kSecond,
                             253402300799 * kSecond + 999999,
                             -62135596800 * kSecond,
                             1795429800 * kSecond + 7};
    for (TimeUs t : kTimes) {
        CAPTURE(t);
        REQUIRE(ParseRfc3339(FormatRfc3339(t)) == t);
    }
    // Every day for 500 years, at an odd time of day.
    for (TimeUs day = -100 * 365; day < 400 * 365; day += 1) {
        const TimeUs t = day * 86400 * kSecond + 45296 * kSecond + 789;
        REQUIRE(ParseRfc3339(FormatRfc3339(t)) == t);
    }
}

TEST_CASE("appending a timestamp writes what printf would, outside four-digit years too", "[events][time]") {
    const auto reference = [](TimeUs t) {
        const TimeUs day_us = 86400 * kSecond;
        TimeUs days = t / day_us;
        if (t % day_us != 0 && t < 0) --days;
        const TimeUs of_day = t - days * day_us;
        // Hinnant's civil_from_days, independently of the formatter's own copy.
        TimeUs z = days + 719468;
        const TimeUs era = (z >= 0 ? z : z - 146096) / 146097;
        const TimeUs doe = z - era * 146097;
        const TimeUs yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
        const TimeUs doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        const TimeUs mp = (5 * doy + 2) / 153;
        const TimeUs d = doy - (153 * mp + 2) / 5 + 1;
        const TimeUs m = mp < 10 ? mp + 3 : mp - 9;
        const TimeUs y = yoe + era * 400 + (m <= 2 ? 1 : 0);
        const TimeUs s = of_day / kSecond;
        char buffer[64];
        const int n = std::snprintf(buffer, sizeof buffer, "%04lld-%02lld-%02lldT%02lld:%02lld:%02lld.%06lldZ",
                                    static_cast<long long>(y), static_cast<long long>(m), static_cast<long long>(d),
                                    static_cast<long long>(s / 3600), static_cast<long long>(s / 60 % 60),
                                    static_cast<long long>(s % 60), static_cast<long long>(of_day % kSecond));
        return std::string(buffer, static_cast<std::size_t>(n));
    };
    std::uint64_t state = 42;
    for (int i = 0; i < 20000; ++i) {
        state = state * 6364136223846793005ull + 1442695040888963407ull;
        // Times from about year -2000 to 12000, so that both the fast path and the general one are taken.
        const TimeUs t = static_cast<TimeUs>(state % (14000ull * 366 * 86400 * 1000000)) -
                         static_cast<TimeUs>(3970ll * 366 * 86400 * 1000000);
        CAPTURE(t);
        std::string appended = "x";
        AppendRfc3339(appended, t);
        REQUIRE(appended == std::string("x").append(reference(t)));
        REQUIRE(FormatRfc3339(t) == reference(t));
    }
}

TEST_CASE("the start of a month can be moved by whole months", "[events][time]") {
    const TimeUs t = *ParseRfc3339("2026-11-23T10:30:00Z");
    REQUIRE(MonthStart(t) == *ParseRfc3339("2026-11-01T00:00:00Z"));
    REQUIRE(MonthStart(t, 1) == *ParseRfc3339("2026-12-01T00:00:00Z"));
    REQUIRE(MonthStart(t, 2) == *ParseRfc3339("2027-01-01T00:00:00Z"));
    REQUIRE(MonthStart(t, -12) == *ParseRfc3339("2025-11-01T00:00:00Z"));
    REQUIRE(MonthStart(t, -11) == *ParseRfc3339("2025-12-01T00:00:00Z"));
    REQUIRE(MonthStart(t, -23) == *ParseRfc3339("2024-12-01T00:00:00Z"));
    REQUIRE(MonthStart(*ParseRfc3339("2026-01-01T00:00:00Z")) == *ParseRfc3339("2026-01-01T00:00:00Z"));
    REQUIRE(MonthStart(*ParseRfc3339("2025-12-31T23:59:59.999999Z")) == *ParseRfc3339("2025-12-01T00:00:00Z"));
    REQUIRE(MonthStart(-1) == *ParseRfc3339("1969-12-01T00:00:00Z"));
}

TEST_CASE("now is close to the system clock", "[events][time]") {
    const TimeUs now = NowUs();
    REQUIRE(now > *ParseRfc3339("2024-01-01T00:00:00Z"));
    REQUIRE(NowUs() >= now);
}

}  // namespace
}  // namespace auditrail::events
