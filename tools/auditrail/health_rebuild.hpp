#pragma once

#include <auditrail/pg/connection.hpp>
#include <string>

namespace auditrail::tool {

/// Recomputes the four health state tables (V003) of `tenant` from its events, with the rules of V003's
/// back-fill, in one transaction: for events loaded around the batch writers (`auditrail demo`'s COPY).
void RebuildHealthState(pg::Connection& connection, const std::string& tenant);

/// `auditrail health-rebuild [--tenant T]`: RebuildHealthState() for one tenant, or for every tenant
/// that has events.
int HealthRebuild(int argc, char** argv);

}  // namespace auditrail::tool
