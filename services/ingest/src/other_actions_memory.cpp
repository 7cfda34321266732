#include "other_actions_memory.hpp"

#include <auditrail/health/state.hpp>

#include <algorithm>

namespace auditrail::ingest {
namespace {

bool IsOtherActions(const HealthDelta::DayKey& key) { return std::get<3>(key) == health::kOtherActionsKey; }

/// A bucket key's tenant, customer and day.
std::tuple<std::string, std::int64_t, std::int64_t> CustomerDay(const HealthDelta::DayKey& key) {
    return {std::get<0>(key), std::get<1>(key), std::get<2>(key)};
}

}  // namespace

void OtherActionsMemory::DropKnown(HealthDelta& delta) const {
    if (first_at_.empty()) return;
    std::erase_if(delta.activity, [&](const auto& entry) {
        if (!IsOtherActions(entry.first)) return false;
        const auto known = first_at_.find(CustomerDay(entry.first));
        return known != first_at_.end() && known->second <= entry.second.first_at;
    });
}

void OtherActionsMemory::Remember(const HealthDelta& delta) {
    for (const auto& [key, bucket] : delta.activity) {
        if (!IsOtherActions(key)) continue;
        if (first_at_.size() >= capacity_) first_at_.clear();
        auto [known, fresh] = first_at_.try_emplace(CustomerDay(key), bucket.first_at);
        if (!fresh) known->second = std::min(known->second, bucket.first_at);
    }
}

}  // namespace auditrail::ingest
