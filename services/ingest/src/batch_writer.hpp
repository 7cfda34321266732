#pragma once

#include "config.hpp"
#include "write_request.hpp"

#include <atomic>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

namespace auditrail::common {
class MetricsRegistry;
class Histogram;
class CounterFamily;
}  // namespace auditrail::common

namespace auditrail::ingest {

/// K writer threads, each with its own PostgreSQL connection, draining the queue in batches: one transaction per
/// batch, then every request in it is told (group commit). They write in parallel only batches of at least
/// WriterSettings::parallel_min_events; below that one writer at a time is enough, and cheaper.
class BatchWriters {
public:
    BatchWriters(WriterSettings settings, RequestQueue& queue, common::MetricsRegistry& metrics);
    ~BatchWriters();
    BatchWriters(const BatchWriters&) = delete;
    BatchWriters& operator=(const BatchWriters&) = delete;

    void Start();
    /// Closes the queue, waits until it is empty in the database (or the drain timeout passed, when the
    /// rest are failed), and joins the threads. Returns true when everything was written.
    bool Drain();

    /// True while at least one writer has a working connection whose last statement, if still unanswered, was sent
    /// less than WriterSettings::stalled_after ago.
    bool DatabaseUp() const;

private:
    class Worker;

    WriterSettings settings_;
    RequestQueue& queue_;
    std::vector<std::unique_ptr<Worker>> workers_;
    std::vector<std::thread> threads_;
    std::timed_mutex gathering_;  ///< the turn to gather the next batch (Worker::Run)
    std::atomic<int> busy_writers_{0};  ///< writers holding a batch not yet answered
    std::atomic<bool> draining_{false};
    std::atomic<bool> give_up_{false};
    common::Histogram& batch_events_;
    common::Histogram& commit_seconds_;
    common::Histogram& queue_wait_seconds_;
    common::CounterFamily& batches_total_;
    common::CounterFamily& slow_commits_total_;
};

}  // namespace auditrail::ingest
