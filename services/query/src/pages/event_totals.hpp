#pragma once

#include <auditrail/events/time.hpp>
#include <auditrail/pg/connection.hpp>
#include <cstdint>
#include <string>

namespace auditrail::query {

/// Counting stops here, so that the dashboard's figures cost the same however busy the tenant is.
inline constexpr std::int64_t kEventCountCap = 100000;

/// A count of events that stops at kEventCountCap.
struct CappedCount {
    std::int64_t value = 0;
    bool capped = false;  ///< true: at least kEventCountCap ("100,000+")
};

/// How many events the tenant has in the last day and the last 30 days before `now`.
struct RecentEventCounts {
    CappedCount last_day;
    CappedCount last_30_days;
};

/// Two bounded counts over the tenant's part of the primary key.
/// @throws pg::ConnectionError, pg::QueryError.
RecentEventCounts CountRecentEvents(pg::Connection& connection, const std::string& tenant, events::TimeUs now);

/// "1,234" or "100,000+".
std::string CountText(const CappedCount& count);

}  // namespace auditrail::query
