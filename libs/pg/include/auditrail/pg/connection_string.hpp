#pragma once

#include <string>

namespace auditrail::pg {

/// What is wrong with a libpq connection string or URI, in words that repeat none of it (it may hold a password);
/// "" when nothing is. Checks what no retry can mend: its syntax (percent-encoding, keywords), port and sslmode.
std::string ConnectionStringProblem(const std::string& dsn);

/// `message` with the password of `dsn` (as written, and percent-decoded) replaced by "***" wherever it appears:
/// libpq quotes the pieces of a URI it cannot use.
std::string WithoutPassword(std::string message, const std::string& dsn);

}  // namespace auditrail::pg
