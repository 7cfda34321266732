#include "audit_log.hpp"

#include <auditrail/common/log.hpp>
#include <auditrail/events/time.hpp>
#include <auditrail/events/uuid.hpp>
#include <auditrail/queue/commit_ticket.hpp>
#include <mutex>
#include <src/batch_writer.hpp>
#include <src/write_request.hpp>

namespace auditrail::query {
namespace {

constexpr std::string_view kCategory = "auditrail";
constexpr std::string_view kIngestedBy = "auditrail-query";

ingest::WriterSettings WriterSettingsOf(const std::string& database_url) {
    ingest::WriterSettings settings;
    settings.database_url = database_url;
    settings.writers = 1;
    settings.batch_max = 1000;
    settings.drain_timeout = std::chrono::milliseconds(5000);
    settings.health_state = false;  // audit events are no customer activity
    return settings;
}

}  // namespace

struct AuditLog::Impl {
    Impl(const std::string& database_url, common::MetricsRegistry& metrics)
        : queue(queue::QueueCapacity{10000, 16 * 1024 * 1024}),
          writers(WriterSettingsOf(database_url), queue, metrics) {
        writers.Start();
    }

    ingest::RequestQueue queue;
    ingest::BatchWriters writers;
    std::once_flag drained;
};

AuditLog::AuditLog(const std::string& database_url, common::MetricsRegistry& metrics)
    : impl_(std::make_unique<Impl>(database_url, metrics)) {}

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

    ingest::WriteRequest write;
    write.tenant = entry.tenant;
    write.ingested_by = std::string(kIngestedBy);
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

}  // namespace auditrail::query
