#include <auditrail/pg/connection.hpp>
#include <auditrail/pg/connection_string.hpp>
#include <auditrail/pg/errors.hpp>

#include <libpq-fe.h>

#include "stall_watch.hpp"

#include <poll.h>

#include <cerrno>
#include <cstdlib>
#include <exception>
#include <optional>

namespace auditrail::pg {
namespace {

/// SQLSTATE classes that mean the connection is gone rather than the statement refused.
bool IsConnectionState(std::string_view sqlstate) {
    return sqlstate.substr(0, 2) == "08" || sqlstate == "57P01" || sqlstate == "57P02" || sqlstate == "57P03";
}

/// The message (without its trailing newlines) and SQLSTATE of a failed result; without one (libpq could not even
/// send), the connection's message and no SQLSTATE.
struct ServerError {
    std::string message;
    std::string sqlstate;
};
ServerError ErrorOf(pg_conn* conn, pg_result* raw) {
    ServerError error{raw ? PQresultErrorMessage(raw) : PQerrorMessage(conn), ""};
    while (!error.message.empty() && error.message.back() == '\n') error.message.pop_back();
    const char* state = raw ? PQresultErrorField(raw, PG_DIAG_SQLSTATE) : nullptr;
    if (state) error.sqlstate = state;
    return error;
}

}  // namespace

Connection::Connection(const std::string& dsn) {
    // Without connect_timeout libpq waits for ever on a server that accepts TCP and never answers; keywords after
    // the expanded URL would override its own values, so the default goes first and a URL's connect_timeout wins.
    const char* const keywords[] = {"connect_timeout", "dbname", nullptr};
    const char* const values[] = {"10", dsn.c_str(), nullptr};
    if (const std::string problem = ConnectionStringProblem(dsn); !problem.empty()) {
        throw ConnectionError("cannot connect to PostgreSQL: the database URL " + problem);
    }
    conn_ = PQconnectdbParams(keywords, values, 1);
    if (PQstatus(conn_) != CONNECTION_OK) {
        std::string message = PQerrorMessage(conn_);
        while (!message.empty() && message.back() == '\n') message.pop_back();
        PQfinish(conn_);
        conn_ = nullptr;
        // libpq may quote a piece of the URL it could not use: never the password, in a log or anywhere.
        throw ConnectionError("cannot connect to PostgreSQL: " + WithoutPassword(std::move(message), dsn));
    }
    // Server notices ("already exists, skipping") are not errors; keep them off standard error.
    PQsetNoticeProcessor(conn_, [](void*, const char*) {}, nullptr);
    Exec("SET TIME ZONE 'UTC'");
}

Connection::~Connection() {
    if (conn_) PQfinish(conn_);
}

void Connection::SetAnswerDeadline(std::chrono::milliseconds limit) { answer_deadline_ = limit; }

detail::StallGuard Connection::WatchAnswer() {
    return detail::StallGuard(PQsocket(conn_), answer_deadline_, answer_deadline_passed_);
}

bool Connection::IsBroken() const { return conn_ == nullptr || PQstatus(conn_) != CONNECTION_OK; }

Result Connection::Check(pg_result* raw, std::string_view what) {
    Result result(raw);
    const auto status = raw ? PQresultStatus(raw) : PGRES_FATAL_ERROR;
    if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK || status == PGRES_COPY_IN ||
        status == PGRES_COPY_OUT) {
        return result;
    }
    const auto error = ErrorOf(conn_, raw);
    Throw(what, error.message, error.sqlstate);
}

Result Connection::Exec(std::string_view sql) {
    const auto stall = WatchAnswer();
    const std::string text(sql);
    return Check(PQexec(conn_, text.c_str()), "query failed");
}

namespace {

std::vector<const char*> ParamValues(const Params& params) {
    std::vector<const char*> values;
    values.reserve(params.size());
    for (const auto& param : params) values.push_back(param ? param->c_str() : nullptr);
    return values;
}

}  // namespace

Result Connection::Exec(const std::string& sql, const Params& params) {
    const auto stall = WatchAnswer();
    const auto values = ParamValues(params);
    return Check(PQexecParams(conn_, sql.c_str(), static_cast<int>(values.size()), nullptr, values.data(), nullptr,
                              nullptr, 0),
                 "query failed");
}

Result Connection::ExecBinary(const std::string& sql, const Params& params) {
    const auto stall = WatchAnswer();
    const auto values = ParamValues(params);
    return Check(PQexecParams(conn_, sql.c_str(), static_cast<int>(values.size()), nullptr, values.data(), nullptr,
                              nullptr, 1),
                 "query failed");
}

void Connection::ForEachRow(const std::string& sql, const Params& params,
                            const std::function<void(const Result&)>& each) {
    const auto stall = WatchAnswer();
    const auto values = ParamValues(params);
    if (!PQsendQueryParams(conn_, sql.c_str(), static_cast<int>(values.size()), nullptr, values.data(), nullptr,
                           nullptr, 1)) {
        Check(nullptr, "query failed");  // throws with libpq's message
    }
    if (!PQsetSingleRowMode(conn_)) DrainResults("single-row mode failed");
    std::exception_ptr failure;  // from `each`: rethrown once the connection is usable again
    std::optional<ServerError> error;
    while (pg_result* raw = PQgetResult(conn_)) {
        const auto status = PQresultStatus(raw);
        if (status == PGRES_SINGLE_TUPLE) {
            const Result row(raw);
            if (failure || error) continue;
            try {
                each(row);
            } catch (...) {
                failure = std::current_exception();
                Cancel();  // the rest of the rows would only be read and dropped
            }
        } else if (status == PGRES_TUPLES_OK) {
            PQclear(raw);  // the end: zero rows
        } else {
            if (!error) error = ErrorOf(conn_, raw);
            PQclear(raw);
        }
    }
    if (failure) std::rethrow_exception(failure);
    if (error) Throw("query failed", error->message, error->sqlstate);
}

Result Connection::ExecPrepared(const std::string& name, const std::string& sql, const Params& params) {
    const auto stall = WatchAnswer();
    if (!prepared_.contains(name)) {
        Check(PQprepare(conn_, name.c_str(), sql.c_str(), static_cast<int>(params.size()), nullptr),
              "prepare failed");
        prepared_.insert(name);
    }
    const auto values = ParamValues(params);
    return Check(PQexecPrepared(conn_, name.c_str(), static_cast<int>(values.size()), values.data(), nullptr, nullptr,
                                0),
                 "query failed");
}

void Connection::CopyIn(const std::string& copy_sql, std::string_view data) {
    const auto stall = WatchAnswer();
    Check(PQexec(conn_, copy_sql.c_str()), "COPY failed");
    SendCopyData(data);
    DrainResults("COPY failed");
}

void Connection::SendCopyData(std::string_view data) {
    constexpr std::size_t kPiece = 1 << 20;
    for (std::size_t offset = 0; offset < data.size(); offset += kPiece) {
        const auto piece = data.substr(offset, kPiece);
        if (PQputCopyData(conn_, piece.data(), static_cast<int>(piece.size())) != 1) {
            throw ConnectionError(std::string("COPY data failed: ") + PQerrorMessage(conn_));
        }
    }
    if (PQputCopyEnd(conn_, nullptr) != 1) {
        throw ConnectionError(std::string("COPY end failed: ") + PQerrorMessage(conn_));
    }
}

Result Connection::ExecThenCopyIn(std::string_view leading, const std::string& copy_sql, std::string_view data) {
    const auto stall = WatchAnswer();
    std::string query(leading);
    query += ";\n";
    query += copy_sql;
    if (!PQsendQuery(conn_, query.c_str())) Check(nullptr, "query failed");  // throws with libpq's message
    Result rows;
    std::optional<ServerError> error;
    bool copying = false;
    while (!copying) {
        pg_result* raw = PQgetResult(conn_);
        if (!raw) break;  // a statement failed: the server skipped the rest, COPY included
        const auto status = PQresultStatus(raw);
        if (status == PGRES_COPY_IN) {
            copying = true;
            PQclear(raw);
        } else if (status == PGRES_TUPLES_OK) {
            rows = Result(raw);
        } else {
            if (status != PGRES_COMMAND_OK && !error) error = ErrorOf(conn_, raw);
            PQclear(raw);
        }
    }
    if (!copying) {
        if (!error) error = ErrorOf(conn_, nullptr);
        Throw("query failed", error->message, error->sqlstate);
    }
    SendCopyData(data);
    DrainResults("COPY failed");
    return rows;
}

bool Connection::AwaitResult(std::chrono::milliseconds timeout) {
    using Clock = std::chrono::steady_clock;
    const auto deadline = Clock::now() + timeout;
    // PQisBusy parses only what libpq has buffered; the socket is read once poll says there is something to read,
    // so a batch's wait costs no speculative read that finds nothing.
    while (PQisBusy(conn_) != 0) {
        const auto left = std::chrono::ceil<std::chrono::milliseconds>(deadline - Clock::now());
        if (left.count() <= 0) return false;
        pollfd socket{PQsocket(conn_), POLLIN, 0};
        const int ready = poll(&socket, 1, static_cast<int>(left.count()));
        if (ready == 0) return false;
        if (ready < 0 && errno != EINTR) return true;            // let PQgetResult report the broken socket
        if (ready > 0 && PQconsumeInput(conn_) == 0) return true;  // likewise
    }
    return true;
}

void Connection::ExecPipeline(const std::vector<Pipelined>& statements, const SlowAnswer* slow) {
    const auto stall = WatchAnswer();
    if (!PQenterPipelineMode(conn_)) Check(nullptr, "pipeline failed");
    // What each result read below answers: a statement's preparation (its name) or its execution (nullptr).
    std::vector<const std::string*> sent;
    std::set<std::string_view> preparing;  // a name used twice in one pipeline is prepared once
    bool sending = true;
    for (const Pipelined& statement : statements) {
        const int count = static_cast<int>(statement.params.size());
        if (!statement.name.empty() && !prepared_.contains(statement.name) &&
            preparing.insert(statement.name).second) {
            sending = PQsendPrepare(conn_, statement.name.c_str(), statement.sql->c_str(), count, nullptr) == 1;
            if (!sending) break;
            sent.push_back(&statement.name);
        }
        const auto values = ParamValues(statement.params);
        std::vector<int> lengths;
        std::vector<int> formats;
        if (statement.binary) {
            for (const auto& param : statement.params) lengths.push_back(param ? static_cast<int>(param->size()) : 0);
            formats.assign(statement.params.size(), 1);
        }
        const int* length_data = statement.binary ? lengths.data() : nullptr;
        const int* format_data = statement.binary ? formats.data() : nullptr;
        sending = statement.name.empty()
                      ? PQsendQueryParams(conn_, statement.sql->c_str(), count, nullptr, values.data(), length_data,
                                          format_data, 0) == 1
                      : PQsendQueryPrepared(conn_, statement.name.c_str(), count, values.data(), length_data,
                                            format_data, 0) == 1;
        if (!sending) break;
        sent.push_back(nullptr);
    }
    // Without the sync nothing sent is executed; a failure to send means the connection is gone.
    if (!sending || PQpipelineSync(conn_) != 1) {
        throw ConnectionError(std::string("pipeline failed: ") + PQerrorMessage(conn_));
    }
    if (slow && !AwaitResult(slow->after)) slow->call();
    std::optional<ServerError> error;
    for (const std::string* prepared_name : sent) {
        while (pg_result* raw = PQgetResult(conn_)) {
            const auto status = PQresultStatus(raw);
            if (status == PGRES_FATAL_ERROR && !error) error = ErrorOf(conn_, raw);
            if (status == PGRES_COMMAND_OK && prepared_name) prepared_.insert(*prepared_name);
            PQclear(raw);
        }
    }
    pg_result* sync = PQgetResult(conn_);
    const bool synced = sync && PQresultStatus(sync) == PGRES_PIPELINE_SYNC;
    if (sync) PQclear(sync);
    if (!synced || PQexitPipelineMode(conn_) != 1) {
        throw ConnectionError(std::string("pipeline failed: ") + PQerrorMessage(conn_));
    }
    if (error) Throw("query failed", error->message, error->sqlstate);
}

void Connection::DrainResults(std::string_view what) {
    std::optional<ServerError> error;
    while (pg_result* raw = PQgetResult(conn_)) {
        if (PQresultStatus(raw) != PGRES_COMMAND_OK && !error) error = ErrorOf(conn_, raw);
        PQclear(raw);
    }
    if (error) Throw(what, error->message, error->sqlstate);
}

void Connection::Throw(std::string_view what, const std::string& message, const std::string& sqlstate) {
    if (answer_deadline_passed_.load()) {
        throw ConnectionError(std::string(what) + ": PostgreSQL did not answer within " +
                              std::to_string(answer_deadline_.count()) + " ms; the connection was ended");
    }
    const std::string full = std::string(what) + ": " + message;
    if (IsBroken() || IsConnectionState(sqlstate)) throw ConnectionError(full);
    throw QueryError(full, sqlstate);
}

void Connection::BeginCopyOut(const std::string& copy_sql) {
    const auto stall = WatchAnswer();
    Check(PQexec(conn_, copy_sql.c_str()), "COPY failed");
}

bool Connection::CopyOutChunk(std::string& out) {
    const auto stall = WatchAnswer();
    char* buffer = nullptr;
    const int length = PQgetCopyData(conn_, &buffer, 0);
    if (length > 0) {
        out.append(buffer, static_cast<std::size_t>(length));
        PQfreemem(buffer);
        return true;
    }
    if (length == -2) throw ConnectionError(std::string("COPY out failed: ") + PQerrorMessage(conn_));
    DrainResults("COPY out failed");  // -1: done; surface an error the COPY ended with
    return false;
}

void Connection::Cancel() {
    if (!conn_) return;
    PGcancel* cancel = PQgetCancel(conn_);
    if (!cancel) return;
    char error[256];
    PQcancel(cancel, error, sizeof error);
    PQfreeCancel(cancel);
}

std::string Connection::Literal(std::string_view value) {
    char* quoted = PQescapeLiteral(conn_, value.data(), value.size());
    if (!quoted) throw QueryError(std::string("cannot quote a literal: ") + PQerrorMessage(conn_), "");
    std::string out(quoted);
    PQfreemem(quoted);
    return out;
}

Connection& Reopened(ConnectionPtr& connection, const std::string& dsn, std::chrono::milliseconds answer_deadline) {
    if (!connection || connection->IsBroken()) {
        connection.reset();
        connection = std::make_unique<Connection>(dsn);
        connection->SetAnswerDeadline(answer_deadline);
    }
    return *connection;
}

}  // namespace auditrail::pg
