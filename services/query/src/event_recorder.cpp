#include "event_recorder.hpp"

#include <atomic>
#include <auditrail/common/metrics.hpp>
#include <auditrail/events/time.hpp>
#include <auditrail/queue/commit_ticket.hpp>
#include <future>
#include <mutex>
#include <src/batch_writer.hpp>
#include <src/write_request.hpp>
#include <thread>

namespace auditrail::query {
namespace {

ingest::WriterSettings WriterSettingsOf(const RecorderSettings& settings) {
    ingest::WriterSettings writer;
    writer.database_url = settings.database_url;
    writer.writers = 1;
    writer.batch_max = 1000;
    writer.linger = std::chrono::microseconds(0);  // people wait on each event; nothing to gather
    writer.drain_timeout = std::chrono::milliseconds(5000);
    writer.health_state = true;  // customer activity: the health state commits with the event
    return writer;
}

}  // namespace

struct EventRecorder::Impl {
    explicit Impl(RecorderSettings settings_in)
        : settings(std::move(settings_in)),
          queue(queue::QueueCapacity{1000, 4 * 1024 * 1024}),
          // Its own registry: the writer's metric names are the audit writer's, and one exposition may not
          // hold a family twice.
          writers(WriterSettingsOf(settings), queue, private_metrics) {
        writers.Start();
    }

    /// True once a writer has a connection, waiting at most connect_grace for one.
    bool WaitForDatabase() {
        const auto deadline = std::chrono::steady_clock::now() + settings.connect_grace;
        while (!writers.DatabaseUp()) {
            if (drained.load() || std::chrono::steady_clock::now() >= deadline) return false;
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
        }
        return true;
    }

    RecorderSettings settings;
    common::MetricsRegistry private_metrics;
    ingest::RequestQueue queue;
    ingest::BatchWriters writers;
    std::once_flag drain_once;
    std::atomic<bool> drained{false};
};

EventRecorder::EventRecorder(RecorderSettings settings) : impl_(std::make_unique<Impl>(std::move(settings))) {}

EventRecorder::~EventRecorder() { Drain(); }

RecordStatus EventRecorder::Record(const std::string& tenant, const std::string& ingested_by, events::Event event) {
    if (impl_->drained.load() || !impl_->WaitForDatabase()) return RecordStatus::kUnavailable;

    // The writer completes the ticket on its thread; the promise carries the outcome to this one.
    auto outcome = std::make_shared<std::promise<queue::CommitOutcome>>();
    auto committed = outcome->get_future();
    ingest::WriteRequest write;
    write.tenant = tenant;
    write.ingested_by = ingested_by;
    write.received_at = events::NowUs();
    const std::size_t bytes = sizeof(write) + events::ApproxBytes(event);
    write.events.push_back(std::move(event));
    write.ticket =
        std::make_shared<queue::CommitTicket>([outcome](queue::CommitOutcome result) { outcome->set_value(result); });
    const auto ticket = write.ticket;
    if (!impl_->queue.TryPush(write, 1, bytes)) return RecordStatus::kOverloaded;

    if (committed.wait_for(impl_->settings.commit_wait) != std::future_status::ready) {
        // Abandoned while still queued: it will never be written. Otherwise a write is under way.
        return ticket->Abandon() ? RecordStatus::kNotStored : RecordStatus::kUnknown;
    }
    return committed.get() == queue::CommitOutcome::kCommitted ? RecordStatus::kRecorded : RecordStatus::kFailed;
}

void EventRecorder::Drain() {
    std::call_once(impl_->drain_once, [this] {
        impl_->drained = true;
        impl_->writers.Drain();
    });
}

}  // namespace auditrail::query
