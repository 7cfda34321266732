#pragma once

#include <auditrail/events/event.hpp>
#include <chrono>
#include <memory>
#include <string>

namespace auditrail::query {

/// How long Record waits and how it writes.
struct RecorderSettings {
    /// libpq connection string of the primary (the writer's own connection).
    std::string database_url;
    /// How long Record waits for the commit before answering kTimedOut.
    std::chrono::milliseconds commit_wait{10000};
    /// How long Record waits for the writer's first connection before answering kUnavailable (the writer
    /// connects in its own thread just after start, and reconnects with backoff after an outage).
    std::chrono::milliseconds connect_grace{1000};
};

enum class RecordStatus {
    kRecorded,     ///< committed, with the customer's health state
    kOverloaded,   ///< the queue is full; nothing was written
    kUnavailable,  ///< no writer reaches the database; nothing was written
    kNotStored,    ///< not committed within the wait and dropped from the queue: never written
    kUnknown,      ///< not committed within the wait while a write was under way: it may have been stored
    kFailed,       ///< the database refused it (or the writer gave up at shutdown)
};

/// Writes events recorded by people (the event form) through the ingest write path, its queue and one batch
/// writer with the health state on, so the event and the customer's health state commit in one transaction,
/// exactly as POST /v1/events. Unlike AuditLog, Record waits for the outcome: a page answers only once the
/// event is durable.
class EventRecorder {
  public:
    explicit EventRecorder(RecorderSettings settings);
    ~EventRecorder();
    EventRecorder(const EventRecorder&) = delete;
    EventRecorder& operator=(const EventRecorder&) = delete;

    /// Writes one validated event of `tenant` with `ingested_by` (the user's sub) and waits for its commit,
    /// at most commit_wait. Blocks the calling thread: call it from the worker pool only.
    RecordStatus Record(const std::string& tenant, const std::string& ingested_by, events::Event event);

    /// Writes what is queued and stops the writer; later records answer kUnavailable. Idempotent.
    void Drain();

  private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace auditrail::query
