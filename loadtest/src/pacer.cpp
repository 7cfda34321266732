#include "pacer.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace auditrail::load {

PaceSchedule::PaceSchedule(double requests_per_second) : rate_(requests_per_second) {
    if (!(rate_ > 0) || !std::isfinite(rate_)) throw std::invalid_argument("the request rate must be > 0");
}

std::int64_t PaceSchedule::OffsetNs(std::uint64_t slot) const {
    // long double keeps nanosecond exactness for any slot a run can reach (64-bit mantissa).
    return static_cast<std::int64_t>(std::floor(static_cast<long double>(slot) * 1e9L / rate_));
}

std::uint64_t PaceSchedule::SlotsDueBy(std::int64_t elapsed_ns) const {
    if (elapsed_ns < 0) return 0;
    auto due = static_cast<std::uint64_t>(std::floor(static_cast<long double>(elapsed_ns) * rate_ / 1e9L)) + 1;
    // Correct the floating-point estimate against OffsetNs, the definition.
    while (due > 0 && OffsetNs(due - 1) > elapsed_ns) --due;
    while (OffsetNs(due) <= elapsed_ns) ++due;
    return due;
}

std::uint64_t PaceSchedule::SlotsWithin(std::int64_t duration_ns) const {
    return duration_ns <= 0 ? 0 : SlotsDueBy(duration_ns - 1);
}

Pacer::Pacer(double requests_per_second, Clock::time_point start, Clock::duration duration, std::uint64_t max_slots)
    : schedule_(requests_per_second), start_(start), end_(Clock::time_point::max()) {
    if (duration.count() <= 0 && max_slots == 0) throw std::invalid_argument("an open-loop run needs a bound");
    limit_ = max_slots > 0 ? max_slots : UINT64_MAX;
    if (duration.count() > 0) {
        const auto duration_ns = std::chrono::duration_cast<std::chrono::nanoseconds>(duration).count();
        limit_ = std::min(limit_, schedule_.SlotsWithin(duration_ns));
        end_ = start + duration;
    }
}

std::optional<Clock::time_point> Pacer::Next(Clock::time_point now) {
    if (now >= end_) return std::nullopt;
    const std::uint64_t slot = next_.fetch_add(1, std::memory_order_relaxed);
    if (slot >= limit_) return std::nullopt;
    return start_ + std::chrono::duration_cast<Clock::duration>(std::chrono::nanoseconds(schedule_.OffsetNs(slot)));
}

std::uint64_t Pacer::Offered() const { return std::min(next_.load(std::memory_order_relaxed), limit_); }

std::uint64_t Pacer::Unsent() const { return limit_ == UINT64_MAX ? 0 : limit_ - Offered(); }

}  // namespace auditrail::load
