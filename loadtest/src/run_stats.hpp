#pragma once

#include "latency_histogram.hpp"
#include "pacer.hpp"

#include <auditrail/events/uuid.hpp>

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace auditrail::load {

/// What one I/O thread's connections saw; merged into one at the end. Counts and latencies cover the measured
/// requests (sent after the warm-up); the timeline and the acknowledged ids cover the whole run.
struct RunStats {
    /// Latency of the successful (2xx) answers in nanoseconds, from the intended send time.
    LatencyHistogram latency;
    /// Open loop: how late each measured request was sent after its intended time, in nanoseconds. The generator's
    /// own share of the latency: waiting for a free connection, or for its thread to get a core.
    LatencyHistogram send_lag;
    std::uint64_t requests = 0;  ///< measured requests sent
    std::uint64_t ok_requests = 0;
    std::uint64_t ok_events = 0;
    /// Every HTTP answer by status.
    std::map<int, std::uint64_t> statuses;
    /// Requests without a usable answer: "timeout", "connect", "closed", "bad_answer".
    std::map<std::string, std::uint64_t> failures;
    /// Events acknowledged in each second since the start (warm-up included).
    std::vector<std::uint64_t> events_per_second;
    Clock::time_point last_completion{};
    /// Ids of every acknowledged event (collected only when verifying).
    std::vector<events::UuidBytes> acked;

    void CountEventsAt(std::size_t second, std::uint64_t events);
    void Merge(RunStats&& other);
};

}  // namespace auditrail::load
