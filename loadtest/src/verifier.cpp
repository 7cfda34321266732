#include "verifier.hpp"

#include <algorithm>

namespace auditrail::load {

std::size_t IdLedger::Seal() {
    std::sort(ids_.begin(), ids_.end());
    const auto end = std::unique(ids_.begin(), ids_.end());
    const auto repeats = static_cast<std::size_t>(ids_.end() - end);
    ids_.erase(end, ids_.end());
    return repeats;
}

std::string IdsAsCopyText(const std::vector<events::UuidBytes>& ids) {
    static constexpr char kHex[] = "0123456789abcdef";
    std::string out;
    out.reserve(ids.size() * 37);
    for (const auto& id : ids) {
        for (std::size_t i = 0; i < id.size(); ++i) {
            if (i == 4 || i == 6 || i == 8 || i == 10) out += '-';
            out += kHex[id[i] >> 4];
            out += kHex[id[i] & 0x0f];
        }
        out += '\n';
    }
    return out;
}

Verdict Judge(std::uint64_t acknowledged, std::uint64_t acknowledged_twice, const StoredCounts& stored) {
    Verdict verdict;
    verdict.acknowledged = acknowledged;
    verdict.acknowledged_twice = acknowledged_twice;
    std::uint64_t accounted = 0;
    std::uint64_t acked_rows = 0;
    for (const auto& [multiplicity, ids] : stored.ids_by_multiplicity) {
        accounted += ids;
        acked_rows += static_cast<std::uint64_t>(std::max<std::int64_t>(multiplicity, 0)) * ids;
        if (multiplicity == 0) {
            verdict.missing += ids;
        } else if (multiplicity == 1) {
            verdict.stored_once += ids;
        } else {
            verdict.duplicated += ids;
        }
    }
    verdict.unacknowledged = stored.tenant_rows > acked_rows ? stored.tenant_rows - acked_rows : 0;
    verdict.sample_missing = stored.sample_missing;
    verdict.sample_duplicated = stored.sample_duplicated;

    if (acknowledged == 0) {
        verdict.reason = "no event was acknowledged: nothing to verify";
    } else if (accounted != acknowledged) {
        verdict.reason = "the database answered for " + std::to_string(accounted) + " ids, not the " +
                         std::to_string(acknowledged) + " acknowledged";
    } else if (verdict.missing > 0) {
        verdict.reason = std::to_string(verdict.missing) + " acknowledged events are missing";
    } else if (verdict.duplicated > 0) {
        verdict.reason = std::to_string(verdict.duplicated) + " acknowledged events are stored more than once";
    } else {
        verdict.ok = true;
    }
    return verdict;
}

}  // namespace auditrail::load
