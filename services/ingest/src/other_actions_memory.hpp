#pragma once

#include "health_delta.hpp"

#include <boost/container_hash/hash.hpp>

#include <cstddef>
#include <cstdint>
#include <string>
#include <tuple>
#include <unordered_map>

namespace auditrail::ingest {

/// What one batch writer has committed of the other-actions buckets (health::kOtherActionsKey): per tenant,
/// customer and UTC day, the earliest event it stored. A later batch's bucket with no event before that adds nothing
/// a reader uses (the stored bucket already shows an event of that day, and its first one), so it is not written:
/// with such events mostly arriving in real time, that turns about one pending row per customer and batch into about
/// one per customer and day.
///
/// One per writer thread, not shared. Bounded: when full it forgets everything, which costs rows again, never a
/// wrong state.
class OtherActionsMemory {
public:
    explicit OtherActionsMemory(std::size_t capacity = 200'000) : capacity_(capacity) {}

    /// Removes from `delta` the other-actions buckets that this writer has already committed an event of at or before
    /// their first.
    void DropKnown(HealthDelta& delta) const;

    /// Remembers the other-actions buckets of `delta`, once the transaction that wrote them has committed.
    void Remember(const HealthDelta& delta);

private:
    using Key = std::tuple<std::string, std::int64_t, std::int64_t>;  ///< tenant, customer_id, day

    std::size_t capacity_;
    std::unordered_map<Key, TimeUs, boost::hash<Key>> first_at_;
};

}  // namespace auditrail::ingest
