#pragma once

#include "options.hpp"
#include "run_stats.hpp"

#include <string>

namespace auditrail::load {

struct RunResult {
    RunStats stats;
    /// The measured window in seconds: from the end of the warm-up to the run's end (RunEnd in run_window.hpp).
    double measured_seconds = 0;
    /// Open loop: requests the schedule offered in all (warm-up included).
    std::uint64_t offered = 0;
    /// Open loop: requests of the schedule never sent, because no connection was free for them before the run's
    /// duration was over (the service, or the generator, could not keep up with the rate).
    std::uint64_t unsent = 0;
    /// True when the watchdog had to stop connections that outlived the run.
    bool forced_stop = false;
};

/// Runs the load: `options.connections` keep-alive connections on `options.threads` I/O threads, each a
/// coroutine that sends a request, reads its answer and goes again (closed loop) or waits for the pacer's next
/// slot (open loop). Returns when the duration or request bound is reached and every answer is in (or timed out).
/// @throws std::runtime_error when the target does not resolve.
RunResult RunLoad(const LoadOptions& options, const std::string& token);

}  // namespace auditrail::load
