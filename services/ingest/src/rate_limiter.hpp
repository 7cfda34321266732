#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

namespace auditrail::ingest {

struct RateLimit {
    /// Events a second each tenant may write on average; 0 turns the limit off.
    double events_per_second = 0;
    /// Events a tenant may write at once above the average (the bucket's size).
    double burst = 0;
};

/// A token bucket per tenant, refilled continuously. Thread-safe; the table of tenants is bounded (idle
/// full buckets are forgotten first, since forgetting them changes nothing).
class RateLimiter {
public:
    using Clock = std::chrono::steady_clock;

    explicit RateLimiter(RateLimit limit, std::size_t max_tenants = 100000);
    ~RateLimiter();

    /// Takes `events` tokens from `tenant`'s bucket. Returns 0 when allowed, else the whole seconds to wait
    /// before the same request could pass (for Retry-After); nothing is taken then. A request of more events than
    /// the burst passes once the bucket is full, and leaves the bucket below empty by the difference.
    std::int64_t TryTake(std::string_view tenant, std::size_t events, Clock::time_point now = Clock::now());

    bool Enabled() const { return limit_.events_per_second > 0; }

private:
    struct Shard;
    RateLimit limit_;
    std::size_t max_per_shard_;
    std::unique_ptr<Shard[]> shards_;
};

}  // namespace auditrail::ingest
