#pragma once

#include "health_delta.hpp"

#include <auditrail/pg/connection.hpp>

#include <vector>

namespace auditrail::ingest {

/// Appends the statements that add `delta` to the health-state tables, for a pipeline inside the batch's
/// transaction: the activity and feature buckets appended to the active pending slot (V008), invoices and tickets
/// upserted. Nothing is appended for what is empty.
void AppendHealthStatements(const HealthDelta& delta, std::vector<pg::Connection::Pipelined>& statements);

}  // namespace auditrail::ingest
