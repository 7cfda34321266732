#pragma once

// The at-risk list at "now" without scoring every customer on the request: each tenant's customers are
// scored exactly (LoadTenantStates + health::Score, the same as an explicit as_of) by a background refresh,
// and the scores kept in a snapshot (migration V006) that the default at-risk answer reads with one index
// range read. The answer then carries the snapshot's own as_of.

#include <atomic>
#include <auditrail/health/settings.hpp>
#include <auditrail/health/state.hpp>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "health_scores.hpp"

namespace auditrail::pg {
class Connection;
}

namespace auditrail::query {

/// How the background refresh runs.
struct HealthSnapshotSettings {
    /// A tenant's snapshot is scored again once it is this old; 0 turns the refresh off (the at-risk list
    /// is then exact at now, unless another instance keeps snapshots fresh).
    std::chrono::seconds interval{300};
    /// libpq URI of the primary (the refresh writes).
    std::string database_url;
};

/// The settings as stored beside a snapshot: a snapshot scored with other settings is not used.
std::string SettingsKey(const health::HealthSettings& settings);

/// Scores every customer of `tenant` with an event before `as_of` and replaces the tenant's snapshot with
/// the result, in one transaction; readers use it until `as_of + max_age`. Skipped (returns nothing) while
/// another session refreshes the same tenant. Returns the number of customers scored.
/// @throws pg::ConnectionError, pg::QueryError.
std::optional<std::int64_t> RefreshHealthSnapshot(pg::Connection& connection, const health::HealthSettings& settings,
                                                  const std::string& tenant, health::TimeUs as_of,
                                                  std::chrono::seconds max_age);

/// The tenants with health state whose snapshot is missing, scored with other settings, or refreshed
/// `interval` ago or longer; the oldest first.
/// @throws pg::ConnectionError, pg::QueryError.
std::vector<std::string> TenantsToRefresh(pg::Connection& connection, const health::HealthSettings& settings,
                                          std::chrono::seconds interval);

/// The at-risk list from `tenant`'s snapshot (AtRiskList::as_of is the snapshot's), when there is one still
/// fresh and scored with `settings`. Its reports carry customer_id, as_of, score, band and signals only.
/// @throws pg::ConnectionError, pg::QueryError.
std::optional<AtRiskList> ReadAtRiskSnapshot(pg::Connection& connection, const health::HealthSettings& settings,
                                             const std::string& tenant, int threshold, int limit);

/// A thread that keeps every tenant's snapshot at most `interval` old (plus one round's work): the first
/// round at Start(), then a look every few seconds. One tenant per transaction; a tenant that fails to score is
/// logged and skipped until the next look, and a lost connection ends the round, retried with backoff on a fresh
/// connection. Never runs on a request thread.
class HealthSnapshotRefresher {
  public:
    HealthSnapshotRefresher(HealthSnapshotSettings settings, health::HealthSettings health);
    ~HealthSnapshotRefresher();
    HealthSnapshotRefresher(const HealthSnapshotRefresher&) = delete;
    HealthSnapshotRefresher& operator=(const HealthSnapshotRefresher&) = delete;

    void Start();
    /// Stops after the tenant being refreshed (if any) is done.
    void Stop();

  private:
    void Run();
    /// Sleeps up to `duration`; true when stopped.
    bool WaitFor(std::chrono::milliseconds duration);

    HealthSnapshotSettings settings_;
    health::HealthSettings health_;
    std::mutex mutex_;
    std::condition_variable wake_;
    bool stopping_ = false;
    std::thread thread_;
};

}  // namespace auditrail::query
