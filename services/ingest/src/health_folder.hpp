#pragma once

#include "periodic_task.hpp"

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>

namespace auditrail::common {
class CounterFamily;
class Histogram;
class MetricsRegistry;
}  // namespace auditrail::common

namespace auditrail::pg {
class Connection;
}  // namespace auditrail::pg

namespace auditrail::ingest {

/// One turn of folding the batch writers' pending activity and feature buckets into the daily health-state tables
/// (V007, V008: auditrail_fold_health_pending): the writers move on to the next pending slot, and the slot they
/// left one turn earlier is folded and emptied. Readers see both, so folding changes no answer: it keeps the
/// pending tables small and turns many batches' buckets of one customer, day and action into one row; a bucket
/// is folded one to two fold intervals after it was written. Returns the pending rows folded (0 when another
/// instance is folding at that moment). Call it outside a transaction block. After an error the connection may still hold the folding lock: close it.
/// @throws pg::ConnectionError, pg::QueryError.
std::int64_t FoldHealthPending(pg::Connection& connection);

/// Runs FoldHealthPending every interval on a thread of its own, with its own connection, until Stop
/// (errors are logged and retried at the next interval). Counts the rows folded and times each fold in /metrics,
/// so that a fold falling behind the writers shows.
class HealthFolder {
public:
    HealthFolder(std::string database_url, std::chrono::milliseconds interval, common::MetricsRegistry& metrics);
    ~HealthFolder();

    void Start();
    void Stop();

private:
    void FoldOnce();

    std::string database_url_;
    std::unique_ptr<pg::Connection> connection_;  // used by the task's thread only
    common::CounterFamily& folded_rows_;
    common::Histogram& fold_seconds_;
    PeriodicTask task_;
};

}  // namespace auditrail::ingest
