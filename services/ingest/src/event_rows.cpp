#include "event_rows.hpp"

#include <auditrail/events/uuid.hpp>

#include <stdexcept>

namespace auditrail::ingest {
namespace {

constexpr std::int16_t kColumns = 19;

void OptionalText(pg::BinaryCopyBuffer& buffer, const std::optional<std::string>& value) {
    if (value) {
        buffer.Text(*value);
    } else {
        buffer.Null();
    }
}

void OptionalInt(pg::BinaryCopyBuffer& buffer, const std::optional<std::int64_t>& value) {
    if (value) {
        buffer.Int8(*value);
    } else {
        buffer.Null();
    }
}

}  // namespace

std::string CopyEventsSql(const std::string& table) {
    return "COPY " + table +
           " (tenant, occurred_at, id, received_at, category, action, outcome, actor_id, actor_type, actor_name,"
           " actor_ip, actor_user_agent, customer_id, store_id, resource_type, resource_id, message, data,"
           " ingested_by) FROM STDIN (FORMAT binary)";
}

void AppendEventRow(pg::BinaryCopyBuffer& buffer, const WriteRequest& request, const events::Event& event) {
    const auto id = events::ParseUuid(event.id);
    if (!id) throw std::logic_error("a validated event has a malformed id");
    buffer.StartRow(kColumns);
    buffer.Text(request.tenant);
    buffer.TimestampUs(event.occurred_at);
    buffer.Uuid(*id);
    buffer.TimestampUs(request.received_at);
    buffer.Text(event.category);
    buffer.Text(event.action);
    buffer.Text(event.outcome);
    OptionalText(buffer, event.actor_id);
    OptionalText(buffer, event.actor_type);
    OptionalText(buffer, event.actor_name);
    OptionalText(buffer, event.actor_ip);
    OptionalText(buffer, event.actor_user_agent);
    OptionalInt(buffer, event.customer_id);
    OptionalInt(buffer, event.store_id);
    OptionalText(buffer, event.resource_type);
    OptionalText(buffer, event.resource_id);
    OptionalText(buffer, event.message);
    if (event.data) {
        buffer.Jsonb(*event.data);
    } else {
        buffer.Null();
    }
    buffer.Text(request.ingested_by);
}

}  // namespace auditrail::ingest
