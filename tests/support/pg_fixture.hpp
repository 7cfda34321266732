#pragma once

#include <auditrail/pg/connection.hpp>
#include <auditrail/pg/result.hpp>

#include <memory>
#include <string>
#include <vector>

namespace auditrail::test {

/// The database that scripts/test starts. A missing AUDITRAIL_TEST_DATABASE_URL fails the test: in CI a
/// missing database is a failure, never a silent skip.
const std::string& DatabaseUrl();

/// A fresh connection to it, migrated (once per process).
std::unique_ptr<pg::Connection> Connect();

/// A tenant id no other test (or earlier run) uses, so that tests need no cleanup: "t-<prefix>-<random>".
std::string UniqueTenant(const std::string& prefix);

/// Each row of `rows` as one line, its columns' text each followed by '|' (NULL as "∅"), in the rows' order.
std::vector<std::string> RowLines(const pg::Result& rows);

/// Stops / starts the test cluster (scripts/pg), for failure tests.
void StopDatabase();
void StartDatabase();

/// The HS256 secret the test services are configured with.
inline const std::string kTestSecret = "test-secret-0123456789abcdef";

/// A token for `tenant` with `scope`, signed with kTestSecret.
std::string TestToken(const std::string& tenant, const std::string& scope, const std::string& sub = "test-client");

}  // namespace auditrail::test
