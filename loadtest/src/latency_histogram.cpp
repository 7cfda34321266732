#include "latency_histogram.hpp"

#include <algorithm>
#include <bit>
#include <cmath>

namespace auditrail::load {
namespace {

// Group 0 holds the exact values below kSubBuckets; group g ≥ 1 holds [2^(g+b-1), 2^(g+b)) in kSubBuckets
// equal steps. 64-bit values need groups up to 64 - b.
constexpr int kBits = LatencyHistogram::kSubBucketBits;
constexpr std::size_t kGroups = 64 - kBits + 1;

}  // namespace

LatencyHistogram::LatencyHistogram() : counts_(kGroups * kSubBuckets, 0) {}

std::size_t LatencyHistogram::BucketIndex(std::uint64_t value) {
    if (value < kSubBuckets) return static_cast<std::size_t>(value);
    const int exponent = std::bit_width(value) - 1;  // ≥ kBits
    const int shift = exponent - kBits;
    const std::uint64_t mantissa = value >> shift;  // in [kSubBuckets, 2 * kSubBuckets)
    return static_cast<std::size_t>(shift + 1) * kSubBuckets + static_cast<std::size_t>(mantissa - kSubBuckets);
}

std::uint64_t LatencyHistogram::BucketLow(std::size_t index) {
    const std::size_t group = index / kSubBuckets;
    if (group == 0) return index;
    const std::uint64_t mantissa = kSubBuckets + index % kSubBuckets;
    return mantissa << (group - 1);
}

std::uint64_t LatencyHistogram::BucketHigh(std::size_t index) {
    const std::size_t group = index / kSubBuckets;
    if (group == 0) return index;
    const std::uint64_t mantissa = kSubBuckets + index % kSubBuckets;
    // The top bucket ends at 2^64 - 1; (mantissa + 1) << shift would overflow to 0 there, and 0 - 1 wraps right.
    return ((mantissa + 1) << (group - 1)) - 1;
}

void LatencyHistogram::Record(std::uint64_t value) {
    ++counts_[BucketIndex(value)];
    if (count_ == 0 || value < min_) min_ = value;
    max_ = std::max(max_, value);
    ++count_;
    sum_ += static_cast<long double>(value);
}

void LatencyHistogram::Merge(const LatencyHistogram& other) {
    if (other.count_ == 0) return;
    for (std::size_t i = 0; i < counts_.size(); ++i) counts_[i] += other.counts_[i];
    min_ = count_ ? std::min(min_, other.min_) : other.min_;
    max_ = std::max(max_, other.max_);
    count_ += other.count_;
    sum_ += other.sum_;
}

double LatencyHistogram::Mean() const { return count_ ? static_cast<double>(sum_ / count_) : 0.0; }

std::uint64_t LatencyHistogram::ValueAtPercentile(double percentile) const {
    if (count_ == 0) return 0;
    percentile = std::clamp(percentile, 0.0, 100.0);
    // The rank of the value asked for, 1-based: p % of count, rounded up, at least the first value.
    const auto rank = std::max<std::uint64_t>(
        1, static_cast<std::uint64_t>(std::ceil(percentile / 100.0 * static_cast<double>(count_) - 1e-9)));
    std::uint64_t seen = 0;
    for (std::size_t i = 0; i < counts_.size(); ++i) {
        seen += counts_[i];
        if (seen >= rank) return std::clamp(BucketHigh(i), min_, max_);
    }
    return max_;
}

}  // namespace auditrail::load
