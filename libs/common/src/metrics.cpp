#include <auditrail/common/metrics.hpp>

#include <cstdio>

namespace auditrail::common {
namespace {

void AppendNumber(std::string& out, double value) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.17g", value);
    out += buf;
}

void AppendSample(std::string& out, std::string_view name, std::string_view labels, double value) {
    out += name;
    if (!labels.empty()) {
        out.push_back('{');
        out += labels;
        out.push_back('}');
    }
    out.push_back(' ');
    AppendNumber(out, value);
    out.push_back('\n');
}

}  // namespace

std::string Label(std::string_view key, std::string_view value) {
    std::string out(key);
    out += "=\"";
    for (char c : value) {
        if (c == '\\' || c == '"') out.push_back('\\');
        if (c == '\n') {
            out += "\\n";
            continue;
        }
        out.push_back(c);
    }
    out.push_back('"');
    return out;
}

void CounterFamily::Add(const std::string& labels, std::uint64_t n) {
    std::lock_guard lock(mutex_);
    values_[labels] += n;
}

void CounterFamily::Render(std::string& out, std::string_view name) const {
    std::lock_guard lock(mutex_);
    for (const auto& [labels, value] : values_) AppendSample(out, name, labels, static_cast<double>(value));
}

Histogram::Histogram(std::vector<double> bounds)
    : bounds_(std::move(bounds)), buckets_(new std::atomic<std::uint64_t>[bounds_.size() + 1]) {
    for (std::size_t i = 0; i <= bounds_.size(); ++i) buckets_[i].store(0);
}

void Histogram::Observe(double value) {
    std::size_t i = 0;
    while (i < bounds_.size() && value > bounds_[i]) ++i;
    buckets_[i].fetch_add(1, std::memory_order_relaxed);
    count_.fetch_add(1, std::memory_order_relaxed);
    double sum = sum_.load(std::memory_order_relaxed);
    while (!sum_.compare_exchange_weak(sum, sum + value, std::memory_order_relaxed)) {
    }
}

void Histogram::Render(std::string& out, std::string_view name, std::string_view labels) const {
    const std::string prefix = labels.empty() ? std::string() : std::string(labels) + ",";
    std::uint64_t cumulative = 0;
    for (std::size_t i = 0; i <= bounds_.size(); ++i) {
        cumulative += buckets_[i].load(std::memory_order_relaxed);
        std::string le = "+Inf";
        if (i < bounds_.size()) {
            le.clear();
            AppendNumber(le, bounds_[i]);
        }
        AppendSample(out, std::string(name) + "_bucket", prefix + Label("le", le), static_cast<double>(cumulative));
    }
    AppendSample(out, std::string(name) + "_sum", labels, sum_.load(std::memory_order_relaxed));
    AppendSample(out, std::string(name) + "_count", labels, static_cast<double>(count_.load(std::memory_order_relaxed)));
}

CounterFamily& MetricsRegistry::Counter(const std::string& name, const std::string& help) {
    std::lock_guard lock(mutex_);
    Entry entry{name, help, "counter", std::make_unique<CounterFamily>(), nullptr, nullptr};
    entries_.push_back(std::move(entry));
    return *entries_.back().counter;
}

Histogram& MetricsRegistry::AddHistogram(const std::string& name, const std::string& help, std::vector<double> bounds) {
    std::lock_guard lock(mutex_);
    Entry entry{name, help, "histogram", nullptr, std::make_unique<Histogram>(std::move(bounds)), nullptr};
    entries_.push_back(std::move(entry));
    return *entries_.back().histogram;
}

void MetricsRegistry::Gauge(const std::string& name, const std::string& help, std::function<double()> read) {
    std::lock_guard lock(mutex_);
    entries_.push_back(Entry{name, help, "gauge", nullptr, nullptr, std::move(read)});
}

std::string MetricsRegistry::Render() const {
    std::lock_guard lock(mutex_);
    std::string out;
    for (const auto& entry : entries_) {
        out += "# HELP " + entry.name + " " + entry.help + "\n# TYPE " + entry.name + " " + entry.type + "\n";
        if (entry.counter) entry.counter->Render(out, entry.name);
        if (entry.histogram) entry.histogram->Render(out, entry.name);
        if (entry.gauge) AppendSample(out, entry.name, {}, entry.gauge());
    }
    return out;
}

std::vector<double> LatencyBuckets() {
    return {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};
}

}  // namespace auditrail::common
