#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <optional>

namespace auditrail::load {

using Clock = std::chrono::steady_clock;

/// The open-loop schedule: request `slot` (0-based) is due at start + slot / rate, computed from the slot number
/// rather than by adding intervals, so it never drifts. Pure maths.
class PaceSchedule {
public:
    /// @throws std::invalid_argument unless rate > 0.
    explicit PaceSchedule(double requests_per_second);

    /// Nanoseconds from the start at which `slot` is due.
    std::int64_t OffsetNs(std::uint64_t slot) const;
    /// How many slots are due at `elapsed_ns` after the start (slots with offset ≤ elapsed_ns).
    std::uint64_t SlotsDueBy(std::int64_t elapsed_ns) const;
    /// Slots due strictly before `duration_ns`: the number of requests a run of that length offers.
    std::uint64_t SlotsWithin(std::int64_t duration_ns) const;

    double Rate() const { return rate_; }

private:
    double rate_;
};

/// Hands out send times to the connections of an open-loop run: each free connection takes the next slot and
/// waits for its time. A late connection sends at once, and its latency still counts from the intended time
/// (no coordinated omission). Once the run's duration is over nothing more is handed out: the slots no connection
/// took by then are never sent (Unsent), so a server that cannot keep up does not stretch the run. Thread-safe.
class Pacer {
public:
    /// Offers the slots due before `duration` and at most `max_slots` of them (either 0: no such bound; not both).
    /// @throws std::invalid_argument when the rate is not > 0 or neither bound is given.
    Pacer(double requests_per_second, Clock::time_point start, Clock::duration duration, std::uint64_t max_slots);

    /// The intended send time of the next request, or nothing when the run has offered all it will or, at `now`,
    /// its duration is over.
    std::optional<Clock::time_point> Next(Clock::time_point now);

    /// Slots handed out.
    std::uint64_t Offered() const;
    /// Slots of the schedule that were never handed out because the duration ended first.
    std::uint64_t Unsent() const;

private:
    PaceSchedule schedule_;
    Clock::time_point start_;
    Clock::time_point end_;  ///< start + duration; never with no duration
    std::uint64_t limit_;
    std::atomic<std::uint64_t> next_{0};
};

}  // namespace auditrail::load
