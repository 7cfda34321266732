#include "run_stats.hpp"

#include <algorithm>

namespace auditrail::load {

void RunStats::CountAnswerAt(std::size_t second, std::uint64_t events, std::uint64_t latency_ns) {
    if (second >= seconds.size()) seconds.resize(second + 1);
    seconds[second].events += events;
    seconds[second].max_latency_ns = std::max(seconds[second].max_latency_ns, latency_ns);
}

void RunStats::Merge(RunStats&& other) {
    latency.Merge(other.latency);
    send_lag.Merge(other.send_lag);
    connection_wait.Merge(other.connection_wait);
    requests += other.requests;
    ok_requests += other.ok_requests;
    ok_events += other.ok_events;
    for (const auto& [status, count] : other.statuses) statuses[status] += count;
    for (const auto& [kind, count] : other.failures) failures[kind] += count;
    for (std::size_t i = 0; i < other.seconds.size(); ++i) {
        CountAnswerAt(i, other.seconds[i].events, other.seconds[i].max_latency_ns);
    }
    last_completion = std::max(last_completion, other.last_completion);
    if (acked.empty()) {
        acked = std::move(other.acked);
    } else {
        acked.insert(acked.end(), other.acked.begin(), other.acked.end());
    }
}

}  // namespace auditrail::load
