#pragma once

#include <auditrail/health/state.hpp>
#include <auditrail/pg/connection.hpp>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace auditrail::query {

/// One customer's health state (CustomerState's contract) for every `as_of` in `as_ofs`, read from the
/// write-time state tables (V003) plus the events of the buckets that a window edge cuts, in one prepared
/// statement (one round trip; the primary keys of the state tables and events_customer_idx), and a second one for
/// an as_of at which its buckets show no event in 90 days (its latest event before it, health::kOtherActionsKey).
/// Nothing when the customer has no event before the latest `as_of`.
/// @throws pg::ConnectionError, pg::QueryError.
std::optional<health::CustomerState> LoadCustomerState(pg::Connection& connection, const std::string& tenant,
                                                       std::int64_t customer_id,
                                                       std::span<const health::TimeUs> as_ofs);

/// The same for every customer of `tenant` with an event before `as_of`, by customer_id, in one pass
/// per state table (four range reads of the tenant's rows, one join for the cut buckets' events); raw
/// events are read only for the cut buckets (none when `as_of` is midnight UTC) and, one index probe each, for the
/// latest event of the customers whose buckets show none in the 90 days.
///
/// Speed: exact, but proportional to the tenant's state rows in the 90 days. Measured on 2 cores with
/// `auditrail demo --events 2000000 --customers 10000 --months 4` (1.26 M activity rows in the 90 days):
/// about 3 s for the at-risk list at a midnight as_of and 5.5 s at a mid-day one (the cut buckets' events),
/// far from the 100 ms goal. Fetching the activity rows alone takes ~2.5 s. So the at-risk list at "now" is
/// read from a per-customer snapshot that a background refresh scores with this loader (health_snapshot.hpp);
/// this loader answers explicit as_of values.
std::vector<health::CustomerState> LoadTenantStates(pg::Connection& connection, const std::string& tenant,
                                                    health::TimeUs as_of);

}  // namespace auditrail::query
