#pragma once

#include <auditrail/pg/connection.hpp>
#include <string>

namespace auditrail::tool {

/// Recomputes the four health state tables (V003) of `tenant` from its events, with the rules of V003's
/// back-fill, in one transaction, and empties its pending buckets (V007): for events loaded around the batch
/// writers (`auditrail demo`'s COPY). Run it while the tenant is not being written to: an event committed
/// during the rebuild can be counted twice.
void RebuildHealthState(pg::Connection& connection, const std::string& tenant);

/// `auditrail health-rebuild [--tenant T]`: RebuildHealthState() for one tenant, or for every tenant
/// that has events.
int HealthRebuild(int argc, char** argv);

}  // namespace auditrail::tool
