#include "other_actions_memory.hpp"

#include <auditrail/health/state.hpp>

#include <algorithm>
#include <functional>

namespace auditrail::ingest {
namespace {

bool IsOtherActions(const HealthDelta::DayKey& key) { return std::get<3>(key) == health::kOtherActionsKey; }

}  // namespace

std::size_t OtherActionsMemory::KeyHash::operator()(const Key& key) const {
    std::size_t hash = std::hash<std::string>{}(key.tenant);
    for (const std::int64_t part : {key.customer_id, key.day}) {
        hash ^= std::hash<std::int64_t>{}(part) + 0x9e3779b97f4a7c15ULL + (hash << 6) + (hash >> 2);
    }
    return hash;
}

void OtherActionsMemory::DropKnown(HealthDelta& delta) const {
    if (first_at_.empty()) return;
    std::erase_if(delta.activity, [&](const auto& entry) {
        if (!IsOtherActions(entry.first)) return false;
        const auto known = first_at_.find(Key{std::get<0>(entry.first), std::get<1>(entry.first), std::get<2>(entry.first)});
        return known != first_at_.end() && known->second <= entry.second.first_at;
    });
}

void OtherActionsMemory::Remember(const HealthDelta& delta) {
    for (const auto& [key, bucket] : delta.activity) {
        if (!IsOtherActions(key)) continue;
        if (first_at_.size() >= capacity_) first_at_.clear();
        auto [known, fresh] = first_at_.try_emplace(Key{std::get<0>(key), std::get<1>(key), std::get<2>(key)}, bucket.first_at);
        if (!fresh) known->second = std::min(known->second, bucket.first_at);
    }
}

}  // namespace auditrail::ingest
