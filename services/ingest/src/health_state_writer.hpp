#pragma once

#include "health_delta.hpp"

namespace auditrail::pg {
class Connection;
class BinaryCopyBuffer;
}  // namespace auditrail::pg

namespace auditrail::ingest {

/// Creates this connection's staging tables for health-state deltas (temporary, emptied at commit).
void CreateHealthStaging(pg::Connection& connection);

/// Adds `delta` to the health-state tables inside the caller's transaction: one COPY per staging table and
/// one upsert per state table. `buffer` is scratch space reused between batches.
void WriteHealthDelta(pg::Connection& connection, const HealthDelta& delta, pg::BinaryCopyBuffer& buffer);

}  // namespace auditrail::ingest
