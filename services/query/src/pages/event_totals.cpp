#include "event_totals.hpp"

namespace auditrail::query {
namespace {

constexpr events::TimeUs kDayUs = 86'400'000'000;

/// Each count reads at most kEventCountCap index entries of one tenant and window.
const std::string kCountRecent =
    "SELECT"
    " (SELECT count(*) FROM (SELECT 1 FROM events WHERE tenant = $1 AND occurred_at >= $2::timestamptz"
    "  AND occurred_at < $4::timestamptz LIMIT $5::bigint) AS day),"
    " (SELECT count(*) FROM (SELECT 1 FROM events WHERE tenant = $1 AND occurred_at >= $3::timestamptz"
    "  AND occurred_at < $4::timestamptz LIMIT $5::bigint) AS month)";

CappedCount Capped(std::int64_t value) { return {value, value >= kEventCountCap}; }

}  // namespace

RecentEventCounts CountRecentEvents(pg::Connection& connection, const std::string& tenant, events::TimeUs now) {
    const auto result = connection.Exec(
        kCountRecent, {tenant, events::FormatRfc3339(now - kDayUs), events::FormatRfc3339(now - 30 * kDayUs),
                       events::FormatRfc3339(now), std::to_string(kEventCountCap)});
    return {Capped(result.GetInt(0, 0)), Capped(result.GetInt(0, 1))};
}

std::string CountText(const CappedCount& count) {
    const std::string digits = std::to_string(count.value);
    std::string text;
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && (digits.size() - i) % 3 == 0) text.push_back(',');
        text.push_back(digits[i]);
    }
    if (count.capped) text.push_back('+');
    return text;
}

}  // namespace auditrail::query
