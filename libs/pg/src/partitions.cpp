#include <auditrail/pg/connection.hpp>
#include <auditrail/pg/partitions.hpp>

#include <cstdio>

namespace auditrail::pg {
namespace {

struct YearMonth {
    int year;
    int month;
};

/// Howard Hinnant's civil-from-days, for the UTC calendar month of a Unix time.
YearMonth UtcYearMonth(std::int64_t unix_us) {
    std::int64_t days = unix_us / 86400000000LL;
    if (unix_us % 86400000000LL < 0) --days;
    days += 719468;
    const std::int64_t era = (days >= 0 ? days : days - 146096) / 146097;
    const std::int64_t doe = days - era * 146097;
    const std::int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const std::int64_t mp = (5 * doy + 2) / 153;
    const int month = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
    const int year = static_cast<int>(yoe + era * 400 + (month <= 2 ? 1 : 0));
    return {year, month};
}

/// Howard Hinnant's days-from-civil.
std::int64_t DaysFromCivil(int year, int month, int day) {
    year -= month <= 2 ? 1 : 0;
    const std::int64_t era = (year >= 0 ? year : year - 399) / 400;
    const std::int64_t yoe = year - era * 400;
    const std::int64_t doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
    const std::int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

constexpr std::int64_t kDayUs = 86400000000LL;

}  // namespace

MonthBounds MonthOf(std::int64_t unix_us) {
    const auto [year, month] = UtcYearMonth(unix_us);
    const int next_year = month == 12 ? year + 1 : year;
    const int next_month = month == 12 ? 1 : month + 1;
    return {DaysFromCivil(year, month, 1) * kDayUs, DaysFromCivil(next_year, next_month, 1) * kDayUs};
}

std::string PartitionName(std::int64_t unix_us) {
    const auto [year, month] = UtcYearMonth(unix_us);
    char name[32];
    std::snprintf(name, sizeof name, "events_p%04d%02d", year, month);
    return name;
}

void EnsureMonthPartition(Connection& connection, std::int64_t unix_us) {
    connection.Exec("SELECT auditrail_ensure_month_partition(to_timestamp(0) + $1::bigint * interval '1 microsecond')",
                    {std::to_string(unix_us)});
}

void EnsurePartitionsAhead(Connection& connection, std::int64_t now_us, int months_ahead) {
    connection.Exec(
        "SELECT auditrail_ensure_month_partition(date_trunc('month', to_timestamp(0) + $1::bigint * interval "
        "'1 microsecond') + m * interval '1 month') FROM generate_series(0, $2::int) AS m",
        {std::to_string(now_us), std::to_string(months_ahead)});
}

}  // namespace auditrail::pg
