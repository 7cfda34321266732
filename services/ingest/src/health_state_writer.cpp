#include "health_state_writer.hpp"

#include <auditrail/pg/connection.hpp>
#include <auditrail/pg/copy_buffer.hpp>

namespace auditrail::ingest {
namespace {

constexpr std::string_view kCreateStaging =
    "CREATE TEMP TABLE IF NOT EXISTS activity_in (LIKE customer_activity_daily) ON COMMIT DELETE ROWS;"
    "CREATE TEMP TABLE IF NOT EXISTS features_in (LIKE customer_feature_daily) ON COMMIT DELETE ROWS;"
    "CREATE TEMP TABLE IF NOT EXISTS invoices_in (LIKE customer_invoices) ON COMMIT DELETE ROWS;"
    "CREATE TEMP TABLE IF NOT EXISTS tickets_in (LIKE customer_tickets) ON COMMIT DELETE ROWS";

// The upserts merge with the same rules as HealthDelta::Add; LEAST and GREATEST ignore NULLs.
constexpr std::string_view kUpsertActivity =
    "INSERT INTO customer_activity_daily AS t SELECT * FROM activity_in "
    "ON CONFLICT (tenant, customer_id, day, action) DO UPDATE SET events = t.events + excluded.events, "
    "usage = t.usage + excluded.usage, first_at = LEAST(t.first_at, excluded.first_at), "
    "last_at = GREATEST(t.last_at, excluded.last_at)";
constexpr std::string_view kUpsertFeatures =
    "INSERT INTO customer_feature_daily AS t SELECT * FROM features_in "
    "ON CONFLICT (tenant, customer_id, day, feature) DO UPDATE SET first_at = LEAST(t.first_at, excluded.first_at), "
    "last_at = GREATEST(t.last_at, excluded.last_at)";
constexpr std::string_view kUpsertInvoices =
    "INSERT INTO customer_invoices AS t SELECT * FROM invoices_in "
    "ON CONFLICT (tenant, customer_id, invoice_id) DO UPDATE SET "
    "due_at = CASE WHEN excluded.issued_at IS NOT NULL AND (t.issued_at IS NULL OR excluded.issued_at >= t.issued_at) "
    "THEN excluded.due_at ELSE t.due_at END, "
    "issued_at = GREATEST(t.issued_at, excluded.issued_at), paid_at = LEAST(t.paid_at, excluded.paid_at)";
constexpr std::string_view kUpsertTickets =
    "INSERT INTO customer_tickets AS t SELECT * FROM tickets_in "
    "ON CONFLICT (tenant, customer_id, ticket_id) DO UPDATE SET "
    "priority = CASE WHEN excluded.opened_seen_at IS NOT NULL AND (t.opened_seen_at IS NULL OR "
    "excluded.opened_seen_at >= t.opened_seen_at) THEN excluded.priority ELSE t.priority END, "
    "opened_at = CASE WHEN excluded.opened_seen_at IS NOT NULL AND (t.opened_seen_at IS NULL OR "
    "excluded.opened_seen_at >= t.opened_seen_at) THEN excluded.opened_at "
    "WHEN t.opened_seen_at IS NULL THEN LEAST(t.opened_at, excluded.opened_at) ELSE t.opened_at END, "
    "opened_seen_at = GREATEST(t.opened_seen_at, excluded.opened_seen_at), "
    "closed_at = LEAST(t.closed_at, excluded.closed_at)";

void OptionalTime(pg::BinaryCopyBuffer& buffer, const std::optional<TimeUs>& value) {
    if (value) {
        buffer.TimestampUs(*value);
    } else {
        buffer.Null();
    }
}

template <class Rows, class AppendRow>
void CopyAndUpsert(pg::Connection& connection, pg::BinaryCopyBuffer& buffer, const Rows& rows, const char* table,
                   std::string_view upsert, AppendRow append_row) {
    if (rows.empty()) return;
    buffer.Clear();
    for (const auto& row : rows) append_row(row);
    connection.CopyIn(std::string("COPY ") + table + " FROM STDIN (FORMAT binary)", buffer.Finish());
    connection.Exec(upsert);
}

}  // namespace

void CreateHealthStaging(pg::Connection& connection) { connection.Exec(kCreateStaging); }

void WriteHealthDelta(pg::Connection& connection, const HealthDelta& delta, pg::BinaryCopyBuffer& buffer) {
    CopyAndUpsert(connection, buffer, delta.activity, "activity_in", kUpsertActivity, [&](const auto& row) {
        const auto& [key, value] = row;
        buffer.StartRow(8);
        buffer.Text(std::get<0>(key));
        buffer.Int8(std::get<1>(key));
        buffer.Date(std::get<2>(key));
        buffer.Text(std::get<3>(key));
        buffer.Int8(value.events);
        buffer.Int8(value.usage);
        buffer.TimestampUs(value.first_at);
        buffer.TimestampUs(value.last_at);
    });
    CopyAndUpsert(connection, buffer, delta.features, "features_in", kUpsertFeatures, [&](const auto& row) {
        const auto& [key, value] = row;
        buffer.StartRow(6);
        buffer.Text(std::get<0>(key));
        buffer.Int8(std::get<1>(key));
        buffer.Date(std::get<2>(key));
        buffer.Text(std::get<3>(key));
        buffer.TimestampUs(value.first_at);
        buffer.TimestampUs(value.last_at);
    });
    CopyAndUpsert(connection, buffer, delta.invoices, "invoices_in", kUpsertInvoices, [&](const auto& row) {
        const auto& [key, value] = row;
        buffer.StartRow(6);
        buffer.Text(std::get<0>(key));
        buffer.Int8(std::get<1>(key));
        buffer.Text(std::get<2>(key));
        OptionalTime(buffer, value.due_at);
        OptionalTime(buffer, value.issued_at);
        OptionalTime(buffer, value.paid_at);
    });
    CopyAndUpsert(connection, buffer, delta.tickets, "tickets_in", kUpsertTickets, [&](const auto& row) {
        const auto& [key, value] = row;
        buffer.StartRow(7);
        buffer.Text(std::get<0>(key));
        buffer.Int8(std::get<1>(key));
        buffer.Text(std::get<2>(key));
        buffer.Text(value.priority);
        OptionalTime(buffer, value.opened_at);
        OptionalTime(buffer, value.opened_seen_at);
        OptionalTime(buffer, value.closed_at);
    });
}

}  // namespace auditrail::ingest
