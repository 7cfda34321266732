#include "audit_events.hpp"

#include <auditrail/common/log.hpp>
#include <auditrail/events/time.hpp>
#include <auditrail/events/uuid.hpp>
#include <auditrail/queue/commit_ticket.hpp>
#include <mutex>

#include "batch_writer.hpp"
#include "write_request.hpp"

namespace auditrail::ingest {
namespace {

constexpr std::string_view kCategory = "auditrail";

WriterSettings WriterSettingsOf(const std::string& database_url) {
    WriterSettings settings;
    settings.database_url = database_url;
    settings.writers = 1;
    settings.batch_max = 1000;
    settings.drain_timeout = std::chrono::milliseconds(5000);
    settings.health_state = false;  // audit events are no customer activity
    return settings;
}

}  // namespace

struct AuditLog::Impl {
    Impl(const std::string& database_url, common::MetricsRegistry& metrics, std::string ingested_by)
        : ingested_by(std::move(ingested_by)),
          queue(queue::QueueCapacity{10000, 16 * 1024 * 1024}),
          writers(WriterSettingsOf(database_url), queue, metrics) {
        writers.Start();
    }

    std::string ingested_by;
    RequestQueue queue;
    BatchWriters writers;
    std::once_flag drained;
};

AuditLog::AuditLog(const std::string& database_url, common::MetricsRegistry& metrics, std::string ingested_by)
    : impl_(std::make_unique<Impl>(database_url, metrics, std::move(ingested_by))) {}

AuditLog::~AuditLog() { Drain(); }

void AuditLog::Record(const AuditEntry& entry) {
    const auto now = events::NowUs();
    events::Event event;
    event.id = events::NewUuidV7(now);
    event.occurred_at = now;
    event.category = std::string(kCategory);
    event.action = entry.action;
    event.outcome = entry.outcome;
    if (!entry.actor_id.empty()) event.actor_id = entry.actor_id;
    if (!entry.actor_type.empty()) event.actor_type = entry.actor_type;
    if (!entry.actor_ip.empty()) event.actor_ip = entry.actor_ip;
    event.resource_type = entry.resource_type;
    event.resource_id = entry.resource_id;
    if (!entry.message.empty()) event.message = entry.message;

    WriteRequest write;
    write.tenant = entry.tenant;
    write.ingested_by = impl_->ingested_by;
    write.received_at = now;
    const std::size_t bytes = sizeof(write) + events::ApproxBytes(event);
    write.events.push_back(std::move(event));
    write.ticket = std::make_shared<queue::CommitTicket>([](queue::CommitOutcome) {});
    if (!impl_->queue.TryPush(write, 1, bytes)) {
        common::LogWarn("audit event dropped: queue full", {{"tenant", entry.tenant}, {"action", entry.action}});
    }
}

void AuditLog::Drain() {
    std::call_once(impl_->drained, [this] { impl_->writers.Drain(); });
}

}  // namespace auditrail::ingest
