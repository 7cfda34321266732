#pragma once

#include "health_delta.hpp"

namespace auditrail::pg {
class Connection;
}  // namespace auditrail::pg

namespace auditrail::ingest {

/// Adds `delta` to the health-state tables inside the caller's transaction, in one statement (one round trip):
/// each state table is upserted from arrays of the delta's rows. Nothing is sent for an empty delta.
void WriteHealthDelta(pg::Connection& connection, const HealthDelta& delta);

}  // namespace auditrail::ingest
