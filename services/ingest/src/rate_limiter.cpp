#include "rate_limiter.hpp"

#include <algorithm>
#include <cmath>
#include <functional>
#include <mutex>
#include <unordered_map>

namespace auditrail::ingest {
namespace {

constexpr std::size_t kShards = 16;

struct Bucket {
    double tokens = 0;
    RateLimiter::Clock::time_point refilled;
};

struct StringHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view text) const { return std::hash<std::string_view>{}(text); }
};

}  // namespace

struct RateLimiter::Shard {
    std::mutex mutex;
    std::unordered_map<std::string, Bucket, StringHash, std::equal_to<>> buckets;
};

RateLimiter::RateLimiter(RateLimit limit, std::size_t max_tenants)
    : limit_(limit),
      max_per_shard_(std::max<std::size_t>(1, max_tenants / kShards)),
      shards_(std::make_unique<Shard[]>(kShards)) {
    limit_.burst = std::max(limit_.burst, limit_.events_per_second);
}

RateLimiter::~RateLimiter() = default;

std::int64_t RateLimiter::TryTake(std::string_view tenant, std::size_t events, Clock::time_point now) {
    if (!Enabled()) return 0;
    Shard& shard = shards_[StringHash{}(tenant) % kShards];
    std::lock_guard lock(shard.mutex);
    auto found = shard.buckets.find(tenant);
    if (found == shard.buckets.end()) {
        if (shard.buckets.size() >= max_per_shard_) {
            // Forget buckets that have refilled completely: they hold no state worth keeping.
            std::erase_if(shard.buckets, [&](const auto& entry) {
                const double seconds = std::chrono::duration<double>(now - entry.second.refilled).count();
                return entry.second.tokens + seconds * limit_.events_per_second >= limit_.burst;
            });
            if (shard.buckets.size() >= max_per_shard_) shard.buckets.erase(shard.buckets.begin());
        }
        found = shard.buckets.emplace(std::string(tenant), Bucket{limit_.burst, now}).first;
    }
    Bucket& bucket = found->second;
    const double elapsed = std::chrono::duration<double>(now - bucket.refilled).count();
    bucket.tokens = std::min(limit_.burst, bucket.tokens + std::max(0.0, elapsed) * limit_.events_per_second);
    bucket.refilled = now;
    const double wanted = static_cast<double>(events);
    // A request larger than the whole bucket would never fit: it passes when the bucket is full, leaving it in
    // debt, so that the tenant's average rate still holds (the next requests wait for the refill).
    const double needed = std::min(wanted, limit_.burst);
    if (bucket.tokens >= needed) {
        bucket.tokens -= wanted;
        return 0;
    }
    const double missing = needed - bucket.tokens;
    return std::max<std::int64_t>(1, static_cast<std::int64_t>(std::ceil(missing / limit_.events_per_second)));
}

}  // namespace auditrail::ingest
