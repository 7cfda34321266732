#pragma once

#include "health_delta.hpp"

namespace auditrail::pg {
class Connection;
}  // namespace auditrail::pg

namespace auditrail::ingest {

/// The statement that opens a batch's transaction and reads the active pending slot (V008) in the same round trip;
/// its result's only value is the slot to pass to WriteHealthDelta.
inline constexpr const char* kBeginReadingPendingSlot = "BEGIN; SELECT slot FROM health_pending_slot";

/// Adds `delta` to the health-state tables inside the caller's transaction: the activity and feature buckets by COPY
/// into the pending partitions of `pending_slot` (V008), invoices and tickets upserted in one statement. Nothing is
/// sent for what is empty.
void WriteHealthDelta(pg::Connection& connection, const HealthDelta& delta, int pending_slot);

}  // namespace auditrail::ingest
