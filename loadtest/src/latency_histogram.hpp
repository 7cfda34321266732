#pragma once

#include <cstdint>
#include <vector>

namespace auditrail::load {

/// An HDR-like histogram of non-negative integer values (the load tool records nanoseconds): exact below
/// 2^kSubBucketBits, above that log-bucketed with 2^kSubBucketBits buckets per power of two, so a reported
/// value is within 1/2^kSubBucketBits (< 0.8 %) of a recorded one. Fixed size, no allocation per record;
/// one per thread, merged at the end.
class LatencyHistogram {
public:
    static constexpr int kSubBucketBits = 7;
    static constexpr std::uint64_t kSubBuckets = 1u << kSubBucketBits;

    LatencyHistogram();

    void Record(std::uint64_t value);
    void Merge(const LatencyHistogram& other);

    std::uint64_t Count() const { return count_; }
    std::uint64_t Min() const { return count_ ? min_ : 0; }
    std::uint64_t Max() const { return max_; }
    double Mean() const;

    /// The smallest recorded value v such that at least `percentile` % of the values are ≤ v, reported as the
    /// highest value of v's bucket (never above Max()). 0 when empty; `percentile` is clamped to [0, 100].
    std::uint64_t ValueAtPercentile(double percentile) const;

    /// The bucket a value falls in, and that bucket's lowest and highest values (exposed for tests).
    static std::size_t BucketIndex(std::uint64_t value);
    static std::uint64_t BucketLow(std::size_t index);
    static std::uint64_t BucketHigh(std::size_t index);

private:
    std::vector<std::uint64_t> counts_;
    std::uint64_t count_ = 0;
    std::uint64_t min_ = 0;
    std::uint64_t max_ = 0;
    long double sum_ = 0;
};

}  // namespace auditrail::load
