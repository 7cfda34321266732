#pragma once

#include "verifier.hpp"

#include <string>

namespace auditrail::load {

/// Copies the sealed ledger's ids into a temporary table and joins it with `events` of `tenant`: how many
/// times each acknowledged id is stored.
/// @throws pg::ConnectionError or pg::QueryError when the database cannot answer.
StoredCounts QueryStoredCounts(const std::string& database_url, const std::string& tenant, const IdLedger& ledger);

}  // namespace auditrail::load
