#pragma once

#include "periodic_task.hpp"

#include <chrono>
#include <string>

namespace auditrail::ingest {

struct PartitionSettings {
    std::string database_url;
    /// Months of partitions made ahead of the current one.
    int months_ahead = 3;
    /// Partitions wholly older than this many months before the current month are detached.
    int retention_months = 12;
    /// Drop detached partitions instead of keeping them as standalone tables for archiving.
    bool drop_old = false;
    /// Time between maintenance runs.
    std::chrono::seconds interval{3600};
};

/// The periodic maintenance task: partitions ahead and retention, through the SQL function of V005, which
/// lets one instance work at a time (an advisory lock) so that many ingest instances can all run it.
class PartitionKeeper {
public:
    explicit PartitionKeeper(PartitionSettings settings);
    ~PartitionKeeper();

    /// One maintenance run now. @throws pg::ConnectionError / pg::QueryError.
    void RunOnce();

    /// Runs RunOnce every interval on a thread of its own until Stop (errors are logged and retried).
    void Start();
    void Stop();

private:
    PartitionSettings settings_;
    PeriodicTask task_;
};

}  // namespace auditrail::ingest
