#pragma once

#include <array>
#include <auditrail/pg/result.hpp>
#include <cstddef>
#include <string>
#include <string_view>

namespace auditrail::query {

/// The columns every event query selects, in this order: the export columns of API.md §3, then tenant.
inline constexpr std::string_view kEventColumns =
    "id, occurred_at, received_at, category, action, outcome, actor_id, actor_type, actor_name, actor_ip, "
    "actor_user_agent, customer_id, store_id, resource_type, resource_id, message, data, ingested_by, tenant";

enum EventColumn : std::size_t {
    kId,
    kOccurredAt,
    kReceivedAt,
    kCategory,
    kAction,
    kOutcome,
    kActorId,
    kActorType,
    kActorName,
    kActorIp,
    kActorUserAgent,
    kCustomerId,
    kStoreId,
    kResourceType,
    kResourceId,
    kMessage,
    kData,
    kIngestedBy,
    kTenant,
    kEventColumnCount
};

/// The export columns' header names (every column but tenant), in order.
inline constexpr std::array<std::string_view, kTenant> kExportHeader = {
    "id",          "occurred_at", "received_at", "category",         "action",      "outcome",  "actor_id",
    "actor_type",  "actor_name",  "actor_ip",    "actor_user_agent", "customer_id", "store_id", "resource_type",
    "resource_id", "message",     "data",        "ingested_by"};

/// One event row in PostgreSQL's text form (views into a result or a COPY line); `null[i]` for SQL NULL.
struct EventRow {
    std::array<std::string_view, kEventColumnCount> value{};
    std::array<bool, kEventColumnCount> null{};
};

/// Row `row` of a result that selected kEventColumns.
EventRow RowOf(const pg::Result& result, int row);

/// PostgreSQL's timestamptz text in a UTC session ("2026-11-23 10:30:00.123+00") as RFC 3339 with `Z` and
/// six fraction digits ("2026-11-23T10:30:00.123000Z").
void AppendRfc3339(std::string& out, std::string_view pg_timestamp);
std::string Rfc3339(std::string_view pg_timestamp);

/// JSON text (jsonb's output) without the blanks outside strings: compact JSON.
void AppendCompactJson(std::string& out, std::string_view json);

/// The event object of API.md §3: the fields it was written with, plus tenant, received_at, ingested_by.
void AppendEventJson(std::string& out, const EventRow& row);

}  // namespace auditrail::query
