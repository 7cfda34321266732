#include "export_events.hpp"

#include <atomic>
#include <auditrail/common/log.hpp>
#include <auditrail/common/metrics.hpp>
#include <auditrail/events/time.hpp>
#include <auditrail/http/authenticate.hpp>

#include "../database.hpp"
#include "../parameters.hpp"

namespace auditrail::query {
namespace {

/// Bytes gathered before a chunk goes out, and rows handled per call at most (xlsx gathers none).
constexpr std::size_t kChunkBytes = 256 * 1024;
constexpr int kRowsPerCall = 5000;
constexpr std::chrono::minutes kExportAnswerDeadline{10};

std::string_view FormatName(ExportFormat format) {
    switch (format) {
        case ExportFormat::kNdjson:
            return "ndjson";
        case ExportFormat::kXlsx:
            return "xlsx";
        case ExportFormat::kCsv:
            break;
    }
    return "csv";
}

/// An export's answer without its body: type, file name, no caching.
http::Response ExportHead(const ExportWriter& writer) {
    http::Response response;
    response.content_type = std::string(writer.ContentType());
    const std::string stamp = events::FormatRfc3339(events::NowUs()).substr(0, 10);
    response.With("Content-Disposition",
                  "attachment; filename=\"events-" + stamp + "." + std::string(writer.Extension()) + "\"");
    response.With("Cache-Control", "no-store");
    return response;
}

/// The body of an export's HEAD: none (the server sends only the head of a streamed answer to HEAD).
class NothingToStream final : public http::BodyStream {
public:
    bool Next(std::string&) override { return false; }
};

/// One of the export slots, given back when it is destroyed (with the stream that holds it).
class ExportSlot {
public:
    explicit ExportSlot(std::shared_ptr<std::atomic<std::size_t>> running) : running_(std::move(running)) {}
    ~ExportSlot() { running_->fetch_sub(1); }
    ExportSlot(const ExportSlot&) = delete;
    ExportSlot& operator=(const ExportSlot&) = delete;

private:
    std::shared_ptr<std::atomic<std::size_t>> running_;
};

/// A slot, or 503 when `max` exports are running already.
std::unique_ptr<ExportSlot> TakeExportSlot(const std::shared_ptr<std::atomic<std::size_t>>& running, std::size_t max) {
    if (running->fetch_add(1) >= max) {
        running->fetch_sub(1);
        http::HttpError error(503, "overloaded",
                              std::to_string(max) + " exports are running, the most this service runs at once; retry "
                                                    "when one has finished");
        error.headers.emplace_back("Retry-After", "10");
        throw error;
    }
    return std::make_unique<ExportSlot>(running);
}

/// Pulls COPY rows on the server's worker threads, one chunk per Next.
class ExportStream final : public http::BodyStream {
public:
    ExportStream(std::unique_ptr<ExportSlot> slot, pg::Pool::Lease connection, std::unique_ptr<ExportWriter> writer,
                 std::string restore_sql, common::CounterFamily& rows, std::string format)
        : slot_(std::move(slot)),
          connection_(std::move(connection)),
          writer_(std::move(writer)),
          restore_sql_(std::move(restore_sql)),
          rows_(rows),
          format_(std::move(format)) {}

    ~ExportStream() override {
        StopCopy();
        rows_.Add(common::Label("format", format_), writer_->Rows());
    }

    bool Next(std::string& chunk) override {
        try {
            if (!begun_) {
                writer_->Begin(chunk);
                begun_ = true;
            }
            for (int taken = 0; copying_ && taken < kRowsPerCall && chunk.size() < kChunkBytes; ++taken) {
                line_.clear();
                if (!connection_->CopyOutChunk(line_)) {
                    copying_ = false;
                    connection_->Exec(restore_sql_);
                    connection_.Reset();
                    writer_->Finish();
                    break;
                }
                if (!parser_.Parse(line_, row_)) throw std::runtime_error("a COPY row has an unexpected shape");
                if (!writer_->Add(row_, chunk)) {
                    StopCopy();
                    writer_->Finish();
                }
            }
            if (copying_) return true;
            return writer_->Tail(chunk, kChunkBytes);
        } catch (const std::exception& error) {
            // The answer is cut short (no last chunk), so the client sees the export fail.
            common::LogError("export failed", {{"format", format_}, {"error", error.what()}});
            StopCopy();
            throw;
        }
    }

    void Cancel() override { StopCopy(); }

private:
    /// Cancels the running COPY and closes its connection rather than draining it.
    void StopCopy() {
        if (!copying_) return;
        copying_ = false;
        if (connection_) {
            connection_->Cancel();
            connection_.Discard();
            connection_.Reset();
        }
    }

    std::unique_ptr<ExportSlot> slot_;  // first: given back after the connection
    pg::Pool::Lease connection_;
    std::unique_ptr<ExportWriter> writer_;
    std::string restore_sql_;
    common::CounterFamily& rows_;
    std::string format_;
    CopyTextParser parser_;
    EventRow row_;
    std::string line_;
    bool begun_ = false;
    bool copying_ = true;
};

}  // namespace

ExportEvents::ExportEvents(const QueryContext& context)
    : context_(context),
      rows_(context.metrics.Counter("auditrail_export_rows_total", "Events exported, by format")),
      max_running_(std::max<std::size_t>(1, context.pool.MaxSize() / 2)) {}

http::Response ExportEvents::operator()(http::Request& request) const {
    const auth::Claims claims =
        http::Authenticate(request, context_.verifier, "events:export", &context_.session_check);
    const SearchFilter filter = ParseSearchFilter(ParseParameters(request.query), FilterUse::kExport, events::NowUs());
    auto writer = MakeExportWriter(filter.format, context_.xlsx);
    if (request.method == "HEAD") {
        // What GET would answer, without a query: the body's length is not known before it is made.
        http::Response response = ExportHead(*writer);
        response.stream = std::make_shared<NothingToStream>();
        return response;
    }

    auto slot = TakeExportSlot(running_, max_running_);
    return WithDatabase([&] {
        auto connection = context_.pool.Acquire();
        // COPY takes no parameters: the values go in as literals quoted by libpq for this connection.
        pg::Connection& raw = *connection;
        SqlValues values([&raw](std::string_view value) { return raw.Literal(value); });
        const std::string sql = "COPY (SELECT " + std::string(kEventColumns) + " FROM events " +
                                WhereClause(filter, claims.tenant, {}, values) + " " +
                                std::string(OrderByClause(filter.order)) + ") TO STDOUT";
        // An export runs as long as the client reads; the search timeout comes back when it is done.
        connection->Exec("SET statement_timeout = 0");
        // A sparse filter may scan for minutes between two rows; a server silent for longer than this is gone.
        connection->SetAnswerDeadline(kExportAnswerDeadline);
        try {
            connection->BeginCopyOut(sql);
        } catch (...) {
            connection.Discard();  // it has no statement timeout now: never back to the pool like that
            throw;
        }

        http::Response response = ExportHead(*writer);
        response.stream = std::make_shared<ExportStream>(
            std::move(slot), std::move(connection), std::move(writer),
            "SET statement_timeout = " + std::to_string(context_.statement_timeout.count()), rows_,
            std::string(FormatName(filter.format)));
        return response;
    });
}

}  // namespace auditrail::query
