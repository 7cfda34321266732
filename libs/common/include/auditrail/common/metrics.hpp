#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

namespace auditrail::common {

/// Counters keyed by a rendered label set, e.g. `route="/v1/events",status="201"`. Thread-safe.
class CounterFamily {
public:
    void Add(const std::string& labels, std::uint64_t n = 1);
    void Render(std::string& out, std::string_view name) const;

private:
    mutable std::mutex mutex_;
    std::map<std::string, std::uint64_t> values_;
};

/// A Prometheus histogram with fixed upper bounds; lock-free observation.
class Histogram {
public:
    explicit Histogram(std::vector<double> bounds);
    void Observe(double value);
    void Render(std::string& out, std::string_view name, std::string_view labels = {}) const;

private:
    std::vector<double> bounds_;
    std::unique_ptr<std::atomic<std::uint64_t>[]> buckets_;  // one per bound, plus +Inf
    std::atomic<std::uint64_t> count_{0};
    std::atomic<double> sum_{0.0};
};

/// Everything /metrics shows, rendered in the Prometheus text exposition format 0.0.4.
class MetricsRegistry {
public:
    CounterFamily& Counter(const std::string& name, const std::string& help);
    Histogram& AddHistogram(const std::string& name, const std::string& help, std::vector<double> bounds);
    void Gauge(const std::string& name, const std::string& help, std::function<double()> read);

    std::string Render() const;

private:
    struct Entry {
        std::string name, help, type;
        std::unique_ptr<CounterFamily> counter;
        std::unique_ptr<Histogram> histogram;
        std::function<double()> gauge;
    };
    mutable std::mutex mutex_;
    std::vector<Entry> entries_;
};

/// Buckets in seconds from 0.5 ms to 10 s, for latencies.
std::vector<double> LatencyBuckets();

/// `key="value"` with the value escaped per the exposition format.
std::string Label(std::string_view key, std::string_view value);

}  // namespace auditrail::common
