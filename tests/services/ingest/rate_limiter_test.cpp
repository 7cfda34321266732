#include <src/rate_limiter.hpp>

#include <catch2/catch.hpp>

namespace auditrail::ingest {

using std::chrono::milliseconds;

TEST_CASE("a tenant may spend its burst at once, then the refill rate", "[ingest][rate]") {
    RateLimiter limiter({.events_per_second = 100, .burst = 200});
    const auto start = RateLimiter::Clock::time_point{} + std::chrono::hours(1);
    CHECK(limiter.TryTake("acme", 200, start) == 0);
    CHECK(limiter.TryTake("acme", 1, start) == 1);
    // 100 ms later, 10 events have refilled.
    CHECK(limiter.TryTake("acme", 10, start + milliseconds(100)) == 0);
    CHECK(limiter.TryTake("acme", 1, start + milliseconds(100)) == 1);
    // 150 missing at 100/s: wait 2 whole seconds.
    CHECK(limiter.TryTake("acme", 150, start + milliseconds(100)) == 2);
}

TEST_CASE("a request larger than the burst passes on a full bucket, and the tenant pays it back", "[ingest][rate]") {
    RateLimiter limiter({.events_per_second = 10, .burst = 10});
    const auto start = RateLimiter::Clock::time_point{} + std::chrono::hours(1);
    CHECK(limiter.TryTake("acme", 5, start) == 0);
    CHECK(limiter.TryTake("acme", 20, start) == 1);  // not full: 5 missing at 10/s
    CHECK(limiter.TryTake("acme", 20, start + milliseconds(500)) == 0);
    // 20 taken from 10: 10 in debt, so even one event waits until the debt is paid back (1 s) and one more came.
    CHECK(limiter.TryTake("acme", 1, start + milliseconds(1500)) == 1);
    CHECK(limiter.TryTake("acme", 1, start + milliseconds(2600)) == 0);
}

TEST_CASE("tenants have separate buckets", "[ingest][rate]") {
    RateLimiter limiter({.events_per_second = 10, .burst = 10});
    const auto now = RateLimiter::Clock::time_point{} + std::chrono::hours(1);
    CHECK(limiter.TryTake("a", 10, now) == 0);
    CHECK(limiter.TryTake("a", 1, now) > 0);
    CHECK(limiter.TryTake("b", 10, now) == 0);
}

TEST_CASE("a refused request takes nothing from the bucket", "[ingest][rate]") {
    RateLimiter limiter({.events_per_second = 10, .burst = 10});
    const auto now = RateLimiter::Clock::time_point{} + std::chrono::hours(1);
    CHECK(limiter.TryTake("a", 4, now) == 0);
    CHECK(limiter.TryTake("a", 7, now) > 0);
    CHECK(limiter.TryTake("a", 6, now) == 0);
}

TEST_CASE("a zero rate means no limit", "[ingest][rate]") {
    RateLimiter limiter({});
    CHECK_FALSE(limiter.Enabled());
    CHECK(limiter.TryTake("a", 1000000) == 0);
}

TEST_CASE("the tenant table stays bounded", "[ingest][rate]") {
    RateLimiter limiter({.events_per_second = 1, .burst = 1}, 32);
    const auto now = RateLimiter::Clock::time_point{} + std::chrono::hours(1);
    for (int i = 0; i < 1000; ++i) CHECK(limiter.TryTake("tenant-" + std::to_string(i), 1, now) == 0);
    // Still limiting after evictions: a tenant just seen is limited, a new one gets its burst.
    CHECK(limiter.TryTake("tenant-999", 1, now) == 1);
    CHECK(limiter.TryTake("fresh", 1, now) == 0);
    CHECK(limiter.TryTake("fresh", 1, now) == 1);
}

}  // namespace auditrail::ingest
