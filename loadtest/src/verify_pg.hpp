#pragma once

#include "verifier.hpp"

#include <auditrail/pg/connection.hpp>

#include <chrono>
#include <memory>
#include <ostream>
#include <string>

namespace auditrail::load {

/// Opens a connection to `database_url`, trying again for up to `patience` while the server cannot be reached:
/// at the end of a run that crashed it, PostgreSQL may still be recovering ("the database system is starting up")
/// or restarting. Says so once on `log`.
/// @throws pg::ConnectionError, the last attempt's, once `patience` has passed.
std::unique_ptr<pg::Connection> ConnectPatiently(const std::string& database_url, std::chrono::milliseconds patience,
                                                 std::ostream& log);

/// Copies the sealed ledger's ids into a temporary table and joins it with `events` of `tenant`: how many
/// times each acknowledged id is stored. Waits up to 60 s for the database to accept connections (ConnectPatiently,
/// telling standard error).
/// @throws pg::ConnectionError or pg::QueryError when the database cannot answer.
StoredCounts QueryStoredCounts(const std::string& database_url, const std::string& tenant, const IdLedger& ledger);

}  // namespace auditrail::load
