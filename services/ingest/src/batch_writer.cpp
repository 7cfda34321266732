#include "batch_writer.hpp"

#include "event_rows.hpp"
#include "health_state_writer.hpp"
#include "other_actions_memory.hpp"

#include <auditrail/common/log.hpp>
#include <auditrail/common/metrics.hpp>
#include <auditrail/common/thread_name.hpp>
#include <auditrail/pg/connection.hpp>
#include <auditrail/pg/copy_buffer.hpp>
#include <auditrail/pg/errors.hpp>
#include <auditrail/pg/partitions.hpp>

#include <algorithm>
#include <set>
#include <tuple>
#include <chrono>

namespace auditrail::ingest {
namespace {

using Clock = std::chrono::steady_clock;

/// The slow path for a batch that hit a duplicate key: stage it, then insert what is not there yet.
/// DISTINCT ON also folds an event repeated inside the batch.
constexpr std::string_view kCreateStaging =
    "CREATE TEMP TABLE IF NOT EXISTS incoming_events (LIKE events) ON COMMIT DELETE ROWS";
constexpr std::string_view kInsertNew =
    "INSERT INTO events SELECT DISTINCT ON (tenant, occurred_at, id) * FROM incoming_events "
    "ON CONFLICT (tenant, occurred_at, id) DO NOTHING RETURNING tenant, id::text, "
    "(extract(epoch FROM occurred_at) * 1000000)::bigint";

const std::string kBegin = "BEGIN";
const std::string kCommit = "COMMIT";

constexpr auto kIdleWait = std::chrono::milliseconds(200);
constexpr auto kPingEvery = std::chrono::seconds(2);
constexpr auto kMaxBackoff = std::chrono::milliseconds(2000);
// Retries of a batch refused with an error that may pass (about 13 s with the backoff), and of one request of it
// written alone after those.
constexpr int kMayPassRetries = 10;
constexpr int kMayPassRetriesAlone = 2;
// A batch's statements take milliseconds; a server that has not answered one in this long has stopped answering
// (libpq alone would wait for ever, and the writer with it, through shutdown too): the connection is ended and the
// batch retried on a new one. Long enough for a lock wait behind a partition's creation.
constexpr auto kAnswerDeadline = std::chrono::seconds(30);

}  // namespace

class BatchWriters::Worker {
public:
    Worker(BatchWriters& owner, int index) : owner_(owner), index_(index), consumer_(owner.queue_) {}

    bool Connected() const { return healthy_.load(); }

    /// Has a connection, and no statement of it has gone unanswered for `stalled_after`.
    bool Answering(Clock::time_point now) const {
        if (!healthy_.load()) return false;
        const auto since = waiting_since_.load();
        return since == Clock::time_point() || now - since < owner_.settings_.stalled_after;
    }

    void Run() {
        common::NameThisThread("writer-" + std::to_string(index_));
        std::vector<WriteRequest> batch;
        KeepConnectionAlive();
        auto last_contact = Clock::now();
        for (;;) {
            batch.clear();
            std::size_t taken = 0;
            // One writer gathers a batch at a time. A large batch is written while another writer gathers the
            // next; a small one keeps the turn until it is committed, so that what arrives meanwhile gathers into
            // one next batch instead of going to another writer as an equally small transaction of its own.
            turn_ = std::unique_lock(owner_.gathering_, std::defer_lock);
            if (turn_.try_lock_for(kIdleWait)) {
                taken = owner_.queue_.PopBatch(consumer_, batch, owner_.settings_.batch_max, owner_.settings_.linger,
                                               kIdleWait);
                if (taken == 0 || taken >= owner_.settings_.parallel_min_events) ReleaseTurn();
            }
            if (taken == 0) {
                if (owner_.draining_.load() && owner_.queue_.QueuedEvents() == 0) break;
                if (Clock::now() - last_contact > kPingEvery) {
                    KeepConnectionAlive();
                    last_contact = Clock::now();
                }
                continue;
            }
            const auto taken_at = Clock::now();
            for (const auto& request : batch) {
                owner_.queue_wait_seconds_.Observe(std::chrono::duration<double>(taken_at - request.queued_at).count());
            }
            ++owner_.busy_writers_;
            WriteWithRetry(batch);
            --owner_.busy_writers_;
            ReleaseTurn();
            last_contact = Clock::now();
        }
        SetHealthy(false);
    }

private:
    /// Lets another writer gather the next batch (if this one holds the turn).
    void ReleaseTurn() {
        if (turn_.owns_lock()) turn_.unlock();
    }

    void SetHealthy(bool healthy) { healthy_.store(healthy); }

    /// Marks the time from which this writer waits on PostgreSQL, for Answering; cleared when it returns.
    class Waiting {
    public:
        explicit Waiting(Worker& worker) : worker_(worker) { worker_.waiting_since_.store(Clock::now()); }
        ~Waiting() { worker_.waiting_since_.store(Clock::time_point()); }
        Waiting(const Waiting&) = delete;
        Waiting& operator=(const Waiting&) = delete;

    private:
        Worker& worker_;
    };

    void Connect() {
        if (connection_ && !connection_->IsBroken()) return;
        connection_.reset();
        connection_ = std::make_unique<pg::Connection>(owner_.settings_.database_url);
        connection_->SetAnswerDeadline(kAnswerDeadline);
        try {
            connection_->Exec(kCreateStaging);
        } catch (const pg::QueryError& error) {
            // Reached, but without the events table (the migrations have not run yet, e.g. a query service that
            // started before the ingest service migrated): not ready, retried as an unreachable database is.
            connection_.reset();
            throw pg::ConnectionError(std::string("the database is not ready for writes: ") + error.what());
        }
        known_months_.clear();
        SetHealthy(true);
        common::LogInfo("writer connected", {{"writer", std::to_string(index_)}});
    }

    void KeepConnectionAlive() {
        try {
            const Waiting waiting(*this);
            Connect();
            connection_->Exec("SELECT 1");
            SetHealthy(true);
        } catch (const pg::ConnectionError& error) {
            Disconnected(error.what());
        } catch (const pg::QueryError& error) {
            Disconnected(error.what());
        }
    }

    void Disconnected(const std::string& why) {
        if (healthy_) common::LogWarn("writer lost the database", {{"writer", std::to_string(index_)}, {"error", why}});
        connection_.reset();
        SetHealthy(false);
    }

    void EnsurePartitions(const std::vector<WriteRequest*>& requests) {
        for (const WriteRequest* request : requests) {
            for (const auto& event : request->events) {
                const bool known = std::any_of(known_months_.begin(), known_months_.end(), [&](const auto& month) {
                    return event.occurred_at >= month.start_us && event.occurred_at < month.end_us;
                });
                if (known) continue;
                pg::EnsureMonthPartition(*connection_, event.occurred_at);
                known_months_.push_back(pg::MonthOf(event.occurred_at));
            }
        }
    }

    const std::string& FillCopyBuffer(const std::vector<WriteRequest*>& requests) {
        copy_.Clear();
        for (const WriteRequest* request : requests) {
            for (const auto& event : request->events) AppendEventRow(copy_, *request, event);
        }
        return copy_.Finish();
    }

    /// The health-state delta of the events in `requests`; with `only`, of those among them that are in it
    /// (tenant, id, occurred_at), each once.
    HealthDelta DeltaOf(const std::vector<WriteRequest*>& requests,
                        std::set<std::tuple<std::string, std::string, TimeUs>>* only = nullptr) {
        HealthDelta delta;
        for (const WriteRequest* request : requests) {
            for (const auto& event : request->events) {
                if (only && only->erase({request->tenant, event.id, event.occurred_at}) == 0) continue;
                delta.Add(request->tenant, event);
            }
        }
        return delta;
    }

    /// The batch's statements after its events (the health state's with the health state on, then COMMIT) appended
    /// to `statements`, sent in one pipeline.
    void CommitPipelined(std::vector<pg::Connection::Pipelined>& statements, const HealthDelta& delta) {
        if (owner_.settings_.health_state) AppendHealthStatements(delta, statements);
        statements.push_back({"", &kCommit, {}, false});
        // Holding the turn through a commit that is slow to answer would keep everything that arrives meanwhile
        // waiting for this commit and then its own: past parallel_after, the next batch goes ahead beside it.
        const bool may_hand_on = turn_.owns_lock() && owner_.settings_.parallel_after.count() > 0;
        const pg::Connection::SlowAnswer hand_on{owner_.settings_.parallel_after, [this] {
            ReleaseTurn();
            owner_.slow_commits_total_.Add("");
        }};
        connection_->ExecPipeline(statements, may_hand_on ? &hand_on : nullptr);
    }

    /// One transaction for the whole batch, the events stored by COPY or, for a small batch, by an INSERT sent with
    /// the rest in one round trip; the de-duplicating path after a duplicate key. The health state changes in the
    /// same transaction, by exactly the events that were stored.
    void WriteOnce(const std::vector<WriteRequest*>& requests, std::size_t events) {
        EnsurePartitions(requests);
        // Computed before BEGIN so that the transaction holds its locks no longer than the database work.
        HealthDelta delta = owner_.settings_.health_state ? DeltaOf(requests) : HealthDelta{};
        other_actions_.DropKnown(delta);
        auto& conn = *connection_;
        const bool copy = events >= owner_.settings_.copy_min_events;
        try {
            std::vector<pg::Connection::Pipelined> statements;
            if (copy) {
                // Two round trips: BEGIN with the COPY's start, then its data; the pipeline below is the third.
                conn.ExecThenCopyIn(kBegin, CopyEventsSql("events"), FillCopyBuffer(requests));
            } else {
                statements.push_back({"", &kBegin, {}, false});
                statements.push_back({"insert_events", &kInsertEventsSql, EventParams(requests), true});
            }
            CommitPipelined(statements, delta);
            other_actions_.Remember(delta);
            owner_.batches_total_.Add(common::Label("path", copy ? "copy" : "insert"));
            return;
        } catch (const pg::QueryError& error) {
            conn.Exec("ROLLBACK");
            if (!error.IsUniqueViolation()) throw;
        }
        try {
            conn.Exec(kBegin);
            conn.Exec(kCreateStaging);
            conn.CopyIn(CopyEventsSql("incoming_events"), FillCopyBuffer(requests));
            const auto inserted = conn.Exec(kInsertNew);
            HealthDelta stored_delta;
            if (owner_.settings_.health_state) {
                std::set<std::tuple<std::string, std::string, TimeUs>> stored;
                for (int row = 0; row < inserted.Rows(); ++row) {
                    stored.emplace(std::string(inserted.Get(row, 0)), std::string(inserted.Get(row, 1)),
                                   inserted.GetInt(row, 2));
                }
                stored_delta = DeltaOf(requests, &stored);
                other_actions_.DropKnown(stored_delta);
            }
            std::vector<pg::Connection::Pipelined> statements;
            CommitPipelined(statements, stored_delta);
            other_actions_.Remember(stored_delta);
            owner_.batches_total_.Add(common::Label("path", "dedup"));
        } catch (const pg::QueryError&) {
            conn.Exec("ROLLBACK");
            throw;
        }
    }

    /// The events of `requests` as the parameters of kInsertEventsSql.
    static pg::Params EventParams(const std::vector<WriteRequest*>& requests) {
        EventArrays arrays;
        for (const WriteRequest* request : requests) {
            for (const auto& event : request->events) arrays.Add(*request, event);
        }
        return arrays.Finish();
    }

    /// Writes `requests`, retrying through lost connections until it works or the drain gives up, and through
    /// errors that may pass (MayPassLater) at most `may_pass_retries` times: some of them come back every time for
    /// this batch (a role's statement_timeout it always exceeds), and a writer must not spend itself on one.
    void WriteWithRetry(std::vector<WriteRequest>& batch, int may_pass_retries = kMayPassRetries) {
        std::vector<WriteRequest*> requests;
        for (auto& request : batch) requests.push_back(&request);
        auto backoff = std::chrono::milliseconds(100);
        for (;;) {
            // Requests whose callers timed out while we waited are dropped: they were answered 503.
            std::vector<WriteRequest*> claimed;
            for (WriteRequest* request : requests) {
                if (request->ticket->BeginWrite()) claimed.push_back(request);
            }
            if (claimed.empty()) return;
            requests = claimed;
            try {
                const Waiting waiting(*this);
                Connect();
                std::size_t events = 0;
                for (const WriteRequest* request : requests) events += request->events.size();
                const auto started = Clock::now();
                WriteOnce(requests, events);
                owner_.commit_seconds_.Observe(std::chrono::duration<double>(Clock::now() - started).count());
                for (WriteRequest* request : requests) request->ticket->Complete(queue::CommitOutcome::kCommitted);
                owner_.batch_events_.Observe(static_cast<double>(events));
                return;
            } catch (const pg::ConnectionError& error) {
                ReleaseTurn();  // others may still reach the database: let them write meanwhile
                Disconnected(error.what());
            } catch (const pg::QueryError& error) {
                ReleaseTurn();
                if (error.MayPassLater() && may_pass_retries-- > 0) {
                    // Two batches holding the same ids in different orders wait on each other's index entries
                    // until PostgreSQL breaks the deadlock; a statement cancelled by a timeout or an operator, a
                    // full disk: the batch is retried below (then through the dedup path), as after a lost
                    // connection. Refusing it at once would drop the events of requests already answered 202.
                    common::LogWarn("batch retried after a database error that may pass",
                                    {{"writer", std::to_string(index_)}, {"sqlstate", error.sqlstate()}});
                } else if (requests.size() > 1) {
                    // Isolate the request the server refuses so that the others still commit (a smaller batch
                    // may also pass a limit the whole did not); each alone has a short budget of its own.
                    for (WriteRequest* request : requests) request->ticket->EndWriteFailed();
                    for (WriteRequest* request : requests) WriteAlone(*request);
                    return;
                } else {
                    // Its caller gets a 503, unless it was answered 202 already: the ids say what was not stored.
                    common::LogError("batch refused by the database",
                                     {{"writer", std::to_string(index_)}, {"sqlstate", error.sqlstate()},
                                      {"error", error.what()}, {"tenant", requests.front()->tenant},
                                      {"ids", IdsOf(*requests.front())}});
                    known_months_.clear();  // a partition may have been dropped under us
                    requests.front()->ticket->Complete(queue::CommitOutcome::kFailed);
                    return;
                }
            }
            for (WriteRequest* request : requests) request->ticket->EndWriteFailed();
            if (owner_.give_up_.load()) {
                for (WriteRequest* request : requests) {
                    // Its caller gets a 503, unless it was answered 202 already: the ids say what was not stored.
                    common::LogError("events not written before shutdown",
                                     {{"tenant", request->tenant}, {"ids", IdsOf(*request)}});
                    request->ticket->Complete(queue::CommitOutcome::kFailed);
                }
                return;
            }
            std::this_thread::sleep_for(backoff);
            backoff = std::min(backoff * 2, std::chrono::duration_cast<std::chrono::milliseconds>(kMaxBackoff));
        }
    }

    /// The request's event ids, comma-separated (the first 20, and how many more).
    static std::string IdsOf(const WriteRequest& request) {
        constexpr std::size_t kListed = 20;
        std::string ids;
        for (std::size_t i = 0; i < request.events.size() && i < kListed; ++i) {
            if (i) ids.push_back(',');
            ids += request.events[i].id;
        }
        if (request.events.size() > kListed) {
            ids += " and " + std::to_string(request.events.size() - kListed) + " more";
        }
        return ids;
    }

    void WriteAlone(WriteRequest& request) {
        std::vector<WriteRequest> single;
        single.push_back(std::move(request));
        WriteWithRetry(single, kMayPassRetriesAlone);
    }

    BatchWriters& owner_;
    int index_;
    RequestQueue::Consumer consumer_;
    std::atomic<bool> healthy_{false};
    std::atomic<Clock::time_point> waiting_since_{};  ///< Clock::time_point() while not waiting
    std::unique_lock<std::timed_mutex> turn_;  ///< held while gathering, and through a small batch's write
    pg::ConnectionPtr connection_;
    pg::BinaryCopyBuffer copy_;
    std::vector<pg::MonthBounds> known_months_;
    OtherActionsMemory other_actions_;  // only this writer's commits, so only this thread touches it
};

BatchWriters::BatchWriters(WriterSettings settings, RequestQueue& queue, common::MetricsRegistry& metrics)
    : settings_(std::move(settings)),
      queue_(queue),
      batch_events_(metrics.AddHistogram("auditrail_batch_events", "Events per committed batch",
                                         {1, 10, 50, 100, 250, 500, 1000, 2500, 5000, 10000})),
      commit_seconds_(metrics.AddHistogram("auditrail_batch_commit_seconds",
                                           "Time to write and commit one batch", common::LatencyBuckets())),
      queue_wait_seconds_(metrics.AddHistogram("auditrail_queue_wait_seconds",
                                               "Time a request waited in the queue for a writer",
                                               common::LatencyBuckets())),
      batches_total_(metrics.Counter("auditrail_batches_total", "Committed batches, by write path")),
      slow_commits_total_(metrics.Counter("auditrail_slow_commits_total",
                                          "Small batches not committed after the parallel-after time, each of which "
                                          "let the next batch be written beside it")) {
    metrics.Gauge("auditrail_queue_events", "Events waiting in the queue",
                  [this] { return static_cast<double>(queue_.QueuedEvents()); });
    metrics.Gauge("auditrail_queue_bytes", "Approximate bytes waiting in the queue",
                  [this] { return static_cast<double>(queue_.QueuedBytes()); });
    metrics.Gauge("auditrail_writers_connected", "Batch writers with a working database connection",
                  [this] {
                      return static_cast<double>(std::count_if(workers_.begin(), workers_.end(),
                                                               [](const auto& worker) { return worker->Connected(); }));
                  });
    // Made before any thread runs: DatabaseUp reads the list from request threads.
    for (int i = 0; i < settings_.writers; ++i) workers_.push_back(std::make_unique<Worker>(*this, i));
}

BatchWriters::~BatchWriters() {
    if (!threads_.empty()) {
        give_up_ = true;
        Drain();
    }
}

void BatchWriters::Start() {
    for (auto& worker : workers_) threads_.emplace_back([worker = worker.get()] { worker->Run(); });
}

bool BatchWriters::DatabaseUp() const {
    const auto now = Clock::now();
    return std::any_of(workers_.begin(), workers_.end(), [now](const auto& worker) { return worker->Answering(now); });
}

bool BatchWriters::Drain() {
    queue_.Close();
    draining_ = true;
    const auto deadline = Clock::now() + settings_.drain_timeout;
    while ((queue_.QueuedEvents() > 0 || busy_writers_.load() > 0) && Clock::now() < deadline) {
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    const bool drained = queue_.QueuedEvents() == 0 && busy_writers_.load() == 0;
    if (!drained) {
        give_up_ = true;  // writers fail what is left; their callers get 503
        common::LogError("shutdown could not write every queued event",
                         {{"queued_events", std::to_string(queue_.QueuedEvents())}});
    }
    // Writers finish the batch in hand (bounded by give_up_ once the deadline passed).
    for (auto& thread : threads_) {
        if (thread.joinable()) thread.join();
    }
    threads_.clear();
    return drained;
}

}  // namespace auditrail::ingest
