#pragma once

#include <stdexcept>
#include <string>

namespace auditrail::pg {

/// The server is unreachable or the connection broke: reconnect and retry.
struct ConnectionError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

/// The server refused a statement; `sqlstate()` says why (23505: duplicate key).
class QueryError : public std::runtime_error {
public:
    QueryError(const std::string& message, std::string sqlstate)
        : std::runtime_error(message), sqlstate_(std::move(sqlstate)) {}
    const std::string& sqlstate() const { return sqlstate_; }
    bool IsUniqueViolation() const { return sqlstate_ == "23505"; }
    /// A deadlock (40P01) or serialization failure (40001): the transaction was rolled back for its timing, not
    /// its content, and the same transaction again may well commit.
    bool IsTransient() const { return sqlstate_ == "40P01" || sqlstate_ == "40001"; }
    /// Refused for the server's state at that moment rather than for the statement: transient, cancelled (57014: a
    /// statement_timeout, an operator's pg_cancel_backend), a lock not available (55P03), insufficient resources
    /// (class 53: disk full, out of memory, too many connections) or a system error (class 58: I/O). The same
    /// statement later may well pass.
    bool MayPassLater() const {
        return IsTransient() || sqlstate_ == "57014" || sqlstate_ == "55P03" || sqlstate_.rfind("53", 0) == 0 ||
               sqlstate_.rfind("58", 0) == 0;
    }

private:
    std::string sqlstate_;
};

}  // namespace auditrail::pg
