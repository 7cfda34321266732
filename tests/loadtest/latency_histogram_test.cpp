#include <catch2/catch.hpp>
#include <cstdint>
#include <loadtest/src/latency_histogram.hpp>
#include <random>
#include <vector>

namespace auditrail::load {
namespace {

using H = LatencyHistogram;

TEST_CASE("values below the sub-bucket count are kept exactly", "[loadtest][histogram]") {
    for (std::uint64_t v = 0; v < H::kSubBuckets; ++v) {
        REQUIRE(H::BucketIndex(v) == v);
        REQUIRE(H::BucketLow(v) == v);
        REQUIRE(H::BucketHigh(v) == v);
    }
}

TEST_CASE("buckets tile the 64-bit range without gaps or overlaps", "[loadtest][histogram]") {
    const std::size_t last = H::BucketIndex(UINT64_MAX);
    for (std::size_t i = 0; i < last; ++i) {
        CAPTURE(i);
        REQUIRE(H::BucketLow(i) <= H::BucketHigh(i));
        REQUIRE(H::BucketHigh(i) + 1 == H::BucketLow(i + 1));
        REQUIRE(H::BucketIndex(H::BucketLow(i)) == i);
        REQUIRE(H::BucketIndex(H::BucketHigh(i)) == i);
    }
    REQUIRE(H::BucketHigh(last) == UINT64_MAX);
}

TEST_CASE("a bucket is never wider than 1/128 of the values in it", "[loadtest][histogram]") {
    std::mt19937_64 random(7);
    for (int i = 0; i < 100000; ++i) {
        const std::uint64_t v = random() >> (random() % 64);
        const std::size_t index = H::BucketIndex(v);
        REQUIRE(H::BucketLow(index) <= v);
        REQUIRE(v <= H::BucketHigh(index));
        const double width = static_cast<double>(H::BucketHigh(index) - H::BucketLow(index));
        REQUIRE(width <= static_cast<double>(v) / 128.0);
    }
}

TEST_CASE("an empty histogram reports zeros", "[loadtest][histogram]") {
    H h;
    REQUIRE(h.Count() == 0);
    REQUIRE(h.ValueAtPercentile(50) == 0);
    REQUIRE(h.Max() == 0);
    REQUIRE(h.Min() == 0);
    REQUIRE(h.Mean() == 0);
}

TEST_CASE("percentiles of 1..10000 are within the bucket precision", "[loadtest][histogram]") {
    H h;
    for (std::uint64_t v = 1; v <= 10000; ++v) h.Record(v * 1000);  // 1 µs .. 10 ms in ns
    REQUIRE(h.Count() == 10000);
    REQUIRE(h.Min() == 1000);
    REQUIRE(h.Max() == 10'000'000);
    REQUIRE(h.Mean() == Approx(5'000'500.0));
    const struct {
        double percentile;
        double exact;
    } kCases[] = {{50, 5'000'000}, {90, 9'000'000}, {99, 9'900'000}, {99.9, 9'990'000}, {100, 10'000'000}};
    for (const auto& c : kCases) {
        CAPTURE(c.percentile);
        const double got = static_cast<double>(h.ValueAtPercentile(c.percentile));
        // The answer is the top of the exact value's bucket: never below it, at most 1/128 above.
        REQUIRE(got >= c.exact);
        REQUIRE(got <= c.exact * (1 + 1.0 / 128));
    }
    // p0 is the first value's bucket; the top of the last bucket is clamped to the maximum recorded.
    REQUIRE(h.ValueAtPercentile(0) == H::BucketHigh(H::BucketIndex(1000)));
    REQUIRE(h.ValueAtPercentile(100) == 10'000'000);
}

TEST_CASE("a percentile is the value of rank ceil(p * n)", "[loadtest][histogram]") {
    H h;
    for (std::uint64_t v : {10u, 20u, 30u, 40u}) h.Record(v);  // exact buckets
    REQUIRE(h.ValueAtPercentile(25) == 10);
    REQUIRE(h.ValueAtPercentile(25.1) == 20);
    REQUIRE(h.ValueAtPercentile(50) == 20);
    REQUIRE(h.ValueAtPercentile(75) == 30);
    REQUIRE(h.ValueAtPercentile(99.9) == 40);
    REQUIRE(h.ValueAtPercentile(150) == 40);  // clamped
}

TEST_CASE("one slow outlier shows at p99.9 and max but not at p99", "[loadtest][histogram]") {
    H h;
    for (int i = 0; i < 999; ++i) h.Record(1'000'000);  // 1 ms
    h.Record(5'000'000'000);                            // 5 s
    REQUIRE(h.ValueAtPercentile(99) <= 1'000'000 * (1 + 1.0 / 128));
    REQUIRE(h.ValueAtPercentile(99.9) <= 1'000'000 * (1 + 1.0 / 128));
    REQUIRE(h.ValueAtPercentile(99.95) == 5'000'000'000);
    REQUIRE(h.Max() == 5'000'000'000);
}

TEST_CASE("merging histograms equals recording everything in one", "[loadtest][histogram]") {
    std::mt19937_64 random(11);
    H all;
    H a;
    H b;
    for (int i = 0; i < 50000; ++i) {
        const std::uint64_t v = random() % 100'000'000;
        all.Record(v);
        (i % 3 ? a : b).Record(v);
    }
    H merged;
    merged.Merge(a);
    merged.Merge(b);
    merged.Merge(H());
    REQUIRE(merged.Count() == all.Count());
    REQUIRE(merged.Min() == all.Min());
    REQUIRE(merged.Max() == all.Max());
    REQUIRE(merged.Mean() == Approx(all.Mean()));
    for (double p : {1.0, 50.0, 90.0, 99.0, 99.9, 100.0})
        REQUIRE(merged.ValueAtPercentile(p) == all.ValueAtPercentile(p));
}

TEST_CASE("the largest 64-bit value can be recorded", "[loadtest][histogram]") {
    H h;
    h.Record(UINT64_MAX);
    REQUIRE(h.Max() == UINT64_MAX);
    REQUIRE(h.ValueAtPercentile(50) == UINT64_MAX);
}

}  // namespace
}  // namespace auditrail::load
