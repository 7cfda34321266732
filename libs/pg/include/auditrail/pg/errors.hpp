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
    /// (53000, 53100 disk full, 53200 out of memory, 53300 too many connections) or an I/O error (58000, 58030).
    /// The same statement later may well pass; callers still bound their retries, since a timeout or a full disk
    /// can last. Not 53400 (a configured limit, such as temp_file_limit, that this statement exceeds each time).
    bool MayPassLater() const {
        static constexpr const char* kStates[] = {"57014", "55P03", "53000", "53100", "53200",
                                                  "53300", "58000", "58030"};
        for (const char* state : kStates) {
            if (sqlstate_ == state) return true;
        }
        return IsTransient();
    }

private:
    std::string sqlstate_;
};

}  // namespace auditrail::pg
