#pragma once

#include <auditrail/pg/result.hpp>

#include <atomic>
#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

struct pg_conn;

namespace auditrail::pg::detail {
class StallGuard;
}

namespace auditrail::pg {

using Params = std::vector<std::optional<std::string>>;

/// One libpq connection, session time zone UTC. Not thread-safe: one owner at a time.
class Connection {
public:
    /// @throws ConnectionError when the server cannot be reached.
    explicit Connection(const std::string& dsn);
    ~Connection();
    Connection(const Connection&) = delete;
    Connection& operator=(const Connection&) = delete;

    /// Runs one or more statements without parameters.
    /// @throws ConnectionError when the connection broke, QueryError when the server refused.
    Result Exec(std::string_view sql);
    /// Runs one statement with `$n` text parameters (nullopt is NULL).
    Result Exec(const std::string& sql, const Params& params);
    /// As Exec with parameters, with the values in PostgreSQL's binary format: for large results, it spares the
    /// server the text conversion of every value and the client the parsing (see Result's typed getters).
    Result ExecBinary(const std::string& sql, const Params& params);
    /// As ExecBinary, but hands `each` the rows one at a time as they arrive (libpq's single-row mode), so that
    /// a result of millions of rows never sits in memory whole. `each` gets a one-row Result (row 0). If `each`
    /// throws, the statement is cancelled, the connection drained, and the exception rethrown.
    void ForEachRow(const std::string& sql, const Params& params, const std::function<void(const Result&)>& each);
    /// As Exec with parameters, through a statement prepared on this connection as `name` at first use, so
    /// the server parses and plans it once per connection. One `name`, one `sql`.
    Result ExecPrepared(const std::string& name, const std::string& sql, const Params& params);

    /// `COPY ... FROM STDIN`, sending `data` in one go.
    /// @throws ConnectionError or QueryError as Exec.
    void CopyIn(const std::string& copy_sql, std::string_view data);
    /// Runs `leading` (statements without parameters, as Exec), then `COPY ... FROM STDIN` sending `data`, as one
    /// query: a round trip fewer than Exec and CopyIn. Returns the result of the last of `leading` that returned
    /// rows (an empty Result if none did).
    /// @throws ConnectionError or QueryError as Exec.
    Result ExecThenCopyIn(std::string_view leading, const std::string& copy_sql, std::string_view data);

    /// One statement of ExecPipeline.
    struct Pipelined {
        /// Prepared on this connection under this name at first use (one name, one sql); empty: not prepared.
        std::string name;
        const std::string* sql = nullptr;
        Params params;
        /// The parameters are in PostgreSQL's binary format (e.g. BinaryArray), not text.
        bool binary = false;
    };
    /// What ExecPipeline does when the server takes long to answer: `call` runs once, on the calling thread, if no
    /// result has arrived `after` the pipeline was sent; then the wait goes on.
    struct SlowAnswer {
        std::chrono::milliseconds after;
        std::function<void()> call;
    };
    /// Sends `statements` in one pipeline (libpq's pipeline mode: one round trip for all of them) and reads every
    /// result. After a failure the server skips the statements that follow; the first failure is thrown once every
    /// result is read, with the connection usable again.
    /// @throws ConnectionError or QueryError as Exec.
    void ExecPipeline(const std::vector<Pipelined>& statements, const SlowAnswer* slow = nullptr);

    /// Starts `COPY ... TO STDOUT` (COPY takes no parameters: quote values with Literal); then call
    /// CopyOutChunk until it returns false.
    void BeginCopyOut(const std::string& copy_sql);
    /// Appends the next piece of COPY output to `out`; false when the copy is done.
    bool CopyOutChunk(std::string& out);

    /// Asks the server to cancel the statement running on this connection (callable from another thread).
    void Cancel();

    /// `value` as a quoted SQL literal, escaped for this connection.
    std::string Literal(std::string_view value);

    /// From now on, a call whose answer has not come within `limit` ends the connection, and the call throws
    /// ConnectionError: libpq itself waits for ever on a server that accepts a connection and stops answering.
    /// 0 (the default): no limit. Set it above the longest statement the owner runs, lock waits included.
    void SetAnswerDeadline(std::chrono::milliseconds limit);

    bool IsBroken() const;
    pg_conn* Raw() { return conn_; }

private:
    /// Watches the blocking call it is made in for the answer deadline (stall_watch.hpp), for as long as it lives.
    detail::StallGuard WatchAnswer();
    Result Check(pg_result* result, std::string_view what);
    /// Sends a COPY's data and its end (the server has answered the COPY with CopyInResponse).
    void SendCopyData(std::string_view data);
    /// Waits until a result can be read without blocking (or the connection failed, for PQgetResult to report);
    /// false when `timeout` passed first.
    bool AwaitResult(std::chrono::milliseconds timeout);
    /// Reads every pending result; throws for the first error among them.
    void DrainResults(std::string_view what);
    /// ConnectionError when the connection is gone, else QueryError with the SQLSTATE.
    [[noreturn]] void Throw(std::string_view what, const std::string& message, const std::string& sqlstate);

    pg_conn* conn_ = nullptr;
    std::set<std::string, std::less<>> prepared_;
    std::chrono::milliseconds answer_deadline_{0};
    std::atomic<bool> answer_deadline_passed_{false};  ///< set by the watch that ended the connection
};

using ConnectionPtr = std::unique_ptr<Connection>;

/// For a task that keeps one connection across runs: `connection`, opened anew on `dsn` with `answer_deadline` when
/// it is missing or broken. A server that stops answering would otherwise hold the task's thread for ever.
/// @throws ConnectionError as the Connection constructor.
Connection& Reopened(ConnectionPtr& connection, const std::string& dsn, std::chrono::milliseconds answer_deadline);

}  // namespace auditrail::pg
