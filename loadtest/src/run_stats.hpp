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
    /// Open loop: how late each measured request was sent after its intended time, in nanoseconds: waiting for a
    /// free connection, or for the generator's own timer and thread. Part of the latency.
    LatencyHistogram send_lag;
    /// Open loop: the part of the send lag before any connection was free to take the request (all were busy with
    /// earlier requests), in nanoseconds; 0 when a connection was already waiting for the intended time. The rest
    /// of the send lag is the generator's timer waking late, or its thread waiting for a core.
    LatencyHistogram connection_wait;
    std::uint64_t requests = 0;  ///< measured requests sent
    std::uint64_t ok_requests = 0;
    std::uint64_t ok_events = 0;
    /// Every HTTP answer by status.
    std::map<int, std::uint64_t> statuses;
    /// Requests without a usable answer: "timeout", "connect", "closed", "bad_answer".
    std::map<std::string, std::uint64_t> failures;
    /// The 2xx answers that came in one second of the run.
    struct Second {
        std::uint64_t events = 0;          ///< events they acknowledged
        std::uint64_t max_latency_ns = 0;  ///< the slowest one's latency: when the tail happened
    };
    /// Each second since the start (warm-up included), by when the answers came.
    std::vector<Second> seconds;
    Clock::time_point last_completion{};  ///< the last measured 2xx answer
    /// Ids of every acknowledged event (collected only when verifying).
    std::vector<events::UuidBytes> acked;

    /// A 2xx answer of `events` events that came in `second` (since the start), `latency_ns` after its intended time.
    void CountAnswerAt(std::size_t second, std::uint64_t events, std::uint64_t latency_ns);
    void Merge(RunStats&& other);
};

}  // namespace auditrail::load
