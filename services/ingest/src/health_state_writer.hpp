#pragma once

#include "health_delta.hpp"

namespace auditrail::pg {
class Connection;
}  // namespace auditrail::pg

namespace auditrail::ingest {

/// Adds `delta` to the health-state tables inside the caller's transaction: the activity and feature buckets by COPY
/// into the pending tables (V007), invoices and tickets upserted in one statement. Nothing is sent for what is empty.
void WriteHealthDelta(pg::Connection& connection, const HealthDelta& delta);

}  // namespace auditrail::ingest
