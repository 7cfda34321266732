#pragma once

#include <auditrail/health/report.hpp>
#include <auditrail/health/settings.hpp>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace auditrail::pg {
class Connection;
}

namespace auditrail::query {

/// How many of a tenant's customers are in each band.
struct BandTotals {
    std::int64_t healthy = 0;
    std::int64_t watch = 0;
    std::int64_t at_risk = 0;
};

/// The at-risk list as API.md §4 answers it, with every scored customer's band counted.
struct AtRiskList {
    std::vector<health::HealthReport> customers;  ///< score < threshold, lowest first, then by id
    BandTotals totals;
    health::TimeUs as_of = 0;  ///< the moment every score is as of
};

/// The customers of `tenant` scoring below `threshold` at `as_of`, at most `limit`.
/// @throws pg::ConnectionError, pg::QueryError.
AtRiskList ListAtRisk(pg::Connection& connection, const health::HealthSettings& settings, const std::string& tenant,
                      health::TimeUs as_of, int threshold, int limit);

/// The at-risk list at "now": from the tenant's health snapshot when one is fresh and scored with `settings`
/// (AtRiskList::as_of is then the snapshot's, at most the refresh interval old, and the reports carry
/// customer_id, as_of, score, band and signals but no components), else ListAtRisk() at now.
/// @throws pg::ConnectionError, pg::QueryError.
AtRiskList ListAtRiskNow(pg::Connection& connection, const health::HealthSettings& settings, const std::string& tenant,
                         int threshold, int limit);

/// One customer's report at `as_of` and its score 30 days before; nothing when the customer has no
/// event before `as_of`.
std::optional<health::HealthTrend> CustomerHealth(pg::Connection& connection, const health::HealthSettings& settings,
                                                  const std::string& tenant, std::int64_t customer_id,
                                                  health::TimeUs as_of);

/// The customer's score at each of `as_ofs` (for the 90-day chart); nothing at a moment before the
/// customer's first event.
std::vector<std::optional<int>> ScoreHistory(pg::Connection& connection, const health::HealthSettings& settings,
                                             const std::string& tenant, std::int64_t customer_id,
                                             std::span<const health::TimeUs> as_ofs);

}  // namespace auditrail::query
