#pragma once

#include "client_pool.hpp"
#include "options.hpp"
#include "verifier.hpp"

#include <optional>
#include <string>

namespace auditrail::load {

/// Everything a run printed: the options, what happened, and the verification (when asked for).
struct Report {
    const LoadOptions& options;
    const RunResult& result;
    std::optional<Verdict> verdict;
    std::string verify_error;  ///< the database could not be asked
};

/// Latency percentiles the report gives, in this order.
inline constexpr double kReportedPercentiles[] = {50.0, 90.0, 99.0, 99.9};

/// A few lines for people.
std::string FormatText(const Report& report);
/// One JSON object (a line) for scripts; latencies in milliseconds.
std::string FormatJson(const Report& report);

}  // namespace auditrail::load
