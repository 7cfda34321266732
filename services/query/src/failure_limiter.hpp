#pragma once

#include <chrono>
#include <cstddef>
#include <deque>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

namespace auditrail::query {

/// Counts failures (wrong passwords, wrong client secrets) per key in a sliding window and says when a key
/// has had too many. Thread-safe; bounded: at most `capacity` keys of 32 bytes each (kept as their SHA-256), the
/// stalest forgotten first.
class FailureLimiter {
  public:
    using Clock = std::chrono::steady_clock;

    FailureLimiter(std::size_t max_failures, std::chrono::milliseconds window, std::size_t capacity);

    /// Checks and counts one attempt of `key` at once, as a failure until it is refunded: how long until `key` may
    /// try again (and nothing is counted), or nothing when this attempt may go ahead. Checking first and counting
    /// after the password hash let concurrent attempts all pass the check: 12 tries of a limit of 5.
    std::optional<std::chrono::seconds> TakeAttempt(const std::string& key, Clock::time_point now = Clock::now());

    /// Takes back the newest attempt counted for `key` (one that turned out not to be a failure).
    void Refund(const std::string& key);

    /// Forgets `key`'s failures (after a success).
    void Reset(const std::string& key);

    /// Keys tracked now; for tests.
    std::size_t Tracked() const;

    /// Bytes of the keys tracked now (each kept as its digest); for tests.
    std::size_t KeyBytes() const;

  private:
    void Expire(std::deque<Clock::time_point>& failures, Clock::time_point now) const;
    /// How long until the oldest of a full window of `failures` leaves it; at least a second.
    std::chrono::seconds WaitFor(const std::deque<Clock::time_point>& failures, Clock::time_point now) const;
    void MakeRoom(Clock::time_point now);

    const std::size_t max_failures_;
    const std::chrono::milliseconds window_;
    const std::size_t capacity_;
    mutable std::mutex mutex_;
    std::unordered_map<std::string, std::deque<Clock::time_point>> failures_;
};

}  // namespace auditrail::query
