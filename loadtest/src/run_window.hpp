#pragma once

#include "pacer.hpp"

#include <cstddef>

namespace auditrail::load {

/// When a run began, was meant to end and did end, as RunLoad saw it.
struct RunTimes {
    Clock::time_point start;         ///< the clock's start: the warm-up begins
    Clock::time_point measure_from;  ///< the end of the warm-up
    Clock::time_point deadline;      ///< start + duration; Clock::time_point::max() with no duration
    /// The request bound (--requests) ended the run: every request it allows was taken.
    bool request_bound_reached = false;
    Clock::time_point finished;     ///< when the last connection was done
    Clock::time_point last_answer;  ///< the last measured 2xx answer; {} when there was none
};

/// When the run ended: at its deadline, or at the last answer if answers in flight came in after it; when its
/// request bound (or no deadline) ended it, as soon as its last connection was done. Never at the last 2xx answer
/// alone, so that a service that stopped answering early is not credited with a shorter run.
Clock::time_point RunEnd(const RunTimes& times);

/// The measured window in seconds, from the end of the warm-up to RunEnd(): every rate is counted over it.
double MeasuredSeconds(const RunTimes& times);

/// Whole or partial seconds from the start to RunEnd(): the length of the report's per-second timeline.
std::size_t SecondsCovered(const RunTimes& times);

}  // namespace auditrail::load
