#pragma once

#include <cstdint>
#include <string>

namespace auditrail::pg {

class Connection;

/// The monthly partition of `events` holding `unix_us`, e.g. "events_p202611".
std::string PartitionName(std::int64_t unix_us);

/// [start, end) of the UTC calendar month holding `unix_us`, in Unix microseconds.
struct MonthBounds {
    std::int64_t start_us;
    std::int64_t end_us;
};
MonthBounds MonthOf(std::int64_t unix_us);

/// Creates the partition for the month holding `unix_us` unless it exists (safe to race: the SQL
/// function takes an advisory lock).
void EnsureMonthPartition(Connection& connection, std::int64_t unix_us);

/// Creates this month's partition and the next `months_ahead`.
void EnsurePartitionsAhead(Connection& connection, std::int64_t now_us, int months_ahead);

}  // namespace auditrail::pg
