#pragma once

#include <auditrail/events/uuid.hpp>

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace auditrail::load {

/// The ids of every event the service acknowledged (201), gathered from all connections.
class IdLedger {
public:
    void Add(const events::UuidBytes& id) { ids_.push_back(id); }
    void Append(const std::vector<events::UuidBytes>& ids) { ids_.insert(ids_.end(), ids.begin(), ids.end()); }

    /// Sorts and folds repeats; returns how many ids were acknowledged more than once (a generator bug, or
    /// a deliberate retry), which the verdict reports.
    std::size_t Seal();

    const std::vector<events::UuidBytes>& Ids() const { return ids_; }

private:
    std::vector<events::UuidBytes> ids_;
};

/// The ids as the body of `COPY t (id) FROM STDIN` in text format: one canonical UUID a line.
std::string IdsAsCopyText(const std::vector<events::UuidBytes>& ids);

/// What the database holds for the acknowledged ids: for each multiplicity, how many acked ids are stored that
/// many times (0: missing, 1: right, 2+: duplicated), plus the rows the run's tenant holds in all.
struct StoredCounts {
    std::map<std::int64_t, std::uint64_t> ids_by_multiplicity;
    std::uint64_t tenant_rows = 0;
    std::vector<std::string> sample_missing;     ///< a few missing ids, for the report
    std::vector<std::string> sample_duplicated;  ///< a few duplicated ids
};

struct Verdict {
    bool ok = false;
    std::uint64_t acknowledged = 0;        ///< distinct acknowledged ids
    std::uint64_t acknowledged_twice = 0;  ///< ids the service acknowledged more than once
    std::uint64_t stored_once = 0;
    std::uint64_t missing = 0;
    std::uint64_t duplicated = 0;      ///< acked ids stored more than once
    std::uint64_t unacknowledged = 0;  ///< rows of the tenant not among the acked ids (timed-out requests)
    std::string reason;                ///< why not ok, one line
    std::vector<std::string> sample_missing;
    std::vector<std::string> sample_duplicated;
};

/// Every acknowledged id must be stored exactly once; rows that were never acknowledged (a request that
/// timed out after its commit) are allowed and counted. Nothing acknowledged at all is a failure: there was
/// nothing to verify. Pure.
Verdict Judge(std::uint64_t acknowledged, std::uint64_t acknowledged_twice, const StoredCounts& stored);

}  // namespace auditrail::load
