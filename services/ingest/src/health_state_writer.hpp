#pragma once

#include "health_delta.hpp"

namespace auditrail::pg {
class Connection;
}  // namespace auditrail::pg

namespace auditrail::ingest {

/// The statements that open a batch's transaction and read the active pending slot (V008); the result's only value
/// is the slot to pass to CommitWithHealthDelta. Sent with the events' COPY as one query (ExecThenCopyIn).
inline constexpr const char* kBeginReadingPendingSlot = "BEGIN; SELECT slot FROM health_pending_slot";

/// Adds `delta` to the health-state tables and commits the caller's transaction, in one round trip (a pipeline):
/// the activity and feature buckets appended to the pending partitions of `pending_slot` (V008), invoices and
/// tickets upserted, then COMMIT. Nothing is sent for what is empty.
/// @throws pg::QueryError, with the transaction left to roll back, or pg::ConnectionError.
void CommitWithHealthDelta(pg::Connection& connection, const HealthDelta& delta, int pending_slot);

}  // namespace auditrail::ingest
