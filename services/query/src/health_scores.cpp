#include "health_scores.hpp"

#include <malloc.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <semaphore>
#include <auditrail/events/time.hpp>
#include <auditrail/health/score.hpp>
#include <auditrail/http/problem.hpp>

#include "health_loader.hpp"
#include "health_snapshot.hpp"

namespace auditrail::query {

namespace {

/// Tenant-wide exact scorings running at once: each holds a tenant's 90 days of buckets (~190 MB at 10 M events),
/// so the pool's size alone would let memory reach several GB.
constexpr std::ptrdiff_t kExactListsAtOnce = 2;
std::counting_semaphore<kExactListsAtOnce> exact_list_slots(kExactListsAtOnce);
constexpr auto kExactListWait = std::chrono::seconds(5);  // a list takes 2-5 s at 10 M events

/// One of the slots, for as long as it lives.
class ExactListSlot {
public:
    ExactListSlot() {
        if (!exact_list_slots.try_acquire_for(kExactListWait)) {
            http::HttpError error(503, "overloaded", "other exact at-risk lists are being scored; retry shortly");
            error.headers.emplace_back("Retry-After", "5");
            throw error;
        }
    }
    ~ExactListSlot() {
        malloc_trim(0);  // give the tenant's freed buckets back rather than hold the peak
        exact_list_slots.release();
    }
    ExactListSlot(const ExactListSlot&) = delete;
    ExactListSlot& operator=(const ExactListSlot&) = delete;
};

}  // namespace

AtRiskList ListAtRisk(pg::Connection& connection, const health::HealthSettings& settings, const std::string& tenant,
                      health::TimeUs as_of, int threshold, int limit) {
    const ExactListSlot slot;
    AtRiskList list;
    list.as_of = as_of;
    for (const auto& state : LoadTenantStates(connection, tenant, as_of)) {
        auto report = health::Score(state, as_of, settings);
        switch (report.band) {
            case health::Band::kHealthy:
                ++list.totals.healthy;
                break;
            case health::Band::kWatch:
                ++list.totals.watch;
                break;
            case health::Band::kAtRisk:
                ++list.totals.at_risk;
                break;
        }
        if (report.score < threshold) list.customers.push_back(std::move(report));
    }
    std::sort(list.customers.begin(), list.customers.end(), [](const auto& a, const auto& b) {
        return a.score != b.score ? a.score < b.score : a.customer_id < b.customer_id;
    });
    if (list.customers.size() > static_cast<std::size_t>(std::max(limit, 0))) list.customers.resize(limit);
    return list;
}

AtRiskList ListAtRiskNow(pg::Connection& connection, const health::HealthSettings& settings, const std::string& tenant,
                         int threshold, int limit) {
    if (auto list = ReadAtRiskSnapshot(connection, settings, tenant, threshold, limit)) return std::move(*list);
    return ListAtRisk(connection, settings, tenant, events::NowUs(), threshold, limit);
}

std::optional<health::HealthTrend> CustomerHealth(pg::Connection& connection, const health::HealthSettings& settings,
                                                  const std::string& tenant, std::int64_t customer_id,
                                                  health::TimeUs as_of) {
    const health::TimeUs as_ofs[] = {as_of, as_of - 30 * health::kDayUs};
    const auto state = LoadCustomerState(connection, tenant, customer_id, as_ofs);
    if (!state) return std::nullopt;
    return health::ScoreWithTrend(*state, as_of, settings);
}

std::vector<std::optional<int>> ScoreHistory(pg::Connection& connection, const health::HealthSettings& settings,
                                             const std::string& tenant, std::int64_t customer_id,
                                             std::span<const health::TimeUs> as_ofs) {
    std::vector<std::optional<int>> scores(as_ofs.size());
    if (as_ofs.empty()) return scores;
    const auto state = LoadCustomerState(connection, tenant, customer_id, as_ofs);
    if (!state) return scores;
    // The loader keeps the latest bucket before the windows, so the earliest loaded one tells whether
    // anything happened before a given moment.
    health::TimeUs first = INT64_MAX;
    for (const auto& bucket : state->activity) first = std::min(first, bucket.first_at);
    for (std::size_t i = 0; i < as_ofs.size(); ++i) {
        if (first < as_ofs[i]) scores[i] = health::Score(*state, as_ofs[i], settings).score;
    }
    return scores;
}

}  // namespace auditrail::query
