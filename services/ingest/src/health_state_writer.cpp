#include "health_state_writer.hpp"

#include <auditrail/pg/binary_array.hpp>
#include <auditrail/pg/connection.hpp>

#include <initializer_list>
#include <string>
#include <vector>

namespace auditrail::ingest {
namespace {

// Activity and feature buckets are appended to the pending tables (V007, V008): no unique key, so two writers never
// wait for each other's commit, and the folder merges them later. Invoices and tickets are keyed by their own ids,
// rarely touched twice, so they are upserted at once, in one statement with data-modifying CTEs; the merge rules are
// those of HealthDelta::Add; LEAST and GREATEST ignore NULLs; the delta holds each key once, as ON CONFLICT needs.
// Every statement reads its rows from arrays sent in binary (unnest), so that all of them can go to the server in
// one pipeline with the batch's other statements: COPY would cost a round trip each, more than the rows here.
// The pending rows name the active slot (health_pending_slot) themselves, in the same statement: the batch needs no
// round trip to read it first. Each statement is prepared once per connection.
const std::string kInsertActivity =
    "INSERT INTO customer_activity_pending (tenant, customer_id, day, action, events, usage, first_at, last_at, slot) "
    "SELECT u.*, (SELECT slot FROM health_pending_slot) FROM unnest($1::text[], $2::int8[], $3::date[], $4::text[], "
    "$5::int8[], $6::int8[], $7::timestamptz[], $8::timestamptz[]) AS u";
const std::string kInsertFeatures =
    "INSERT INTO customer_feature_pending (tenant, customer_id, day, feature, first_at, last_at, slot) "
    "SELECT u.*, (SELECT slot FROM health_pending_slot) FROM unnest($1::text[], $2::int8[], $3::date[], $4::text[], "
    "$5::timestamptz[], $6::timestamptz[]) AS u";
const std::string kUpsertItems =
    "WITH invoices AS ("
    "INSERT INTO customer_invoices AS t SELECT * FROM unnest($1::text[], $2::int8[], $3::text[], "
    "$4::timestamptz[], $5::timestamptz[], $6::timestamptz[]) "
    "ON CONFLICT (tenant, customer_id, invoice_id) DO UPDATE SET "
    "due_at = CASE WHEN excluded.issued_at IS NOT NULL AND (t.issued_at IS NULL OR excluded.issued_at >= t.issued_at) "
    "THEN excluded.due_at ELSE t.due_at END, "
    "issued_at = GREATEST(t.issued_at, excluded.issued_at), paid_at = LEAST(t.paid_at, excluded.paid_at)), "
    "tickets AS ("
    "INSERT INTO customer_tickets AS t SELECT * FROM unnest($7::text[], $8::int8[], $9::text[], $10::text[], "
    "$11::timestamptz[], $12::timestamptz[], $13::timestamptz[]) "
    "ON CONFLICT (tenant, customer_id, ticket_id) DO UPDATE SET "
    "priority = CASE WHEN excluded.opened_seen_at IS NOT NULL AND (t.opened_seen_at IS NULL OR "
    "excluded.opened_seen_at >= t.opened_seen_at) THEN excluded.priority ELSE t.priority END, "
    "opened_at = CASE WHEN excluded.opened_seen_at IS NOT NULL AND (t.opened_seen_at IS NULL OR "
    "excluded.opened_seen_at >= t.opened_seen_at) THEN excluded.opened_at "
    "WHEN t.opened_seen_at IS NULL THEN LEAST(t.opened_at, excluded.opened_at) ELSE t.opened_at END, "
    "opened_seen_at = GREATEST(t.opened_seen_at, excluded.opened_seen_at), "
    "closed_at = LEAST(t.closed_at, excluded.closed_at)) "
    "SELECT 1";

using Of = pg::BinaryArray::Of;

/// Empty parameter columns of these element types.
std::vector<pg::BinaryArray> Columns(std::initializer_list<Of> types) {
    std::vector<pg::BinaryArray> columns;
    columns.reserve(types.size());
    for (const Of type : types) columns.emplace_back(type);
    return columns;
}

/// A statement of the pipeline whose parameters are `columns`, finished.
pg::Connection::Pipelined Statement(const char* name, const std::string& sql,
                                    const std::vector<pg::BinaryArray>& columns) {
    pg::Connection::Pipelined statement{name, &sql, {}, true};
    statement.params.reserve(columns.size());
    for (const auto& column : columns) statement.params.emplace_back(column.Finish());
    return statement;
}

pg::Connection::Pipelined ActivityStatement(const HealthDelta& delta) {
    auto columns = Columns({Of::kText, Of::kInt8, Of::kDate, Of::kText, Of::kInt8, Of::kInt8, Of::kTimestampTz,
                            Of::kTimestampTz});
    for (const auto& [key, value] : delta.activity) {
        columns[0].Text(std::get<0>(key));
        columns[1].Int8(std::get<1>(key));
        columns[2].Date(std::get<2>(key));
        columns[3].Text(std::get<3>(key));
        columns[4].Int8(value.events);
        columns[5].Int8(value.usage);
        columns[6].TimestampUs(value.first_at);
        columns[7].TimestampUs(value.last_at);
    }
    return Statement("insert_pending_activity", kInsertActivity, columns);
}

pg::Connection::Pipelined FeatureStatement(const HealthDelta& delta) {
    auto columns = Columns({Of::kText, Of::kInt8, Of::kDate, Of::kText, Of::kTimestampTz, Of::kTimestampTz});
    for (const auto& [key, value] : delta.features) {
        columns[0].Text(std::get<0>(key));
        columns[1].Int8(std::get<1>(key));
        columns[2].Date(std::get<2>(key));
        columns[3].Text(std::get<3>(key));
        columns[4].TimestampUs(value.first_at);
        columns[5].TimestampUs(value.last_at);
    }
    return Statement("insert_pending_features", kInsertFeatures, columns);
}

pg::Connection::Pipelined ItemsStatement(const HealthDelta& delta) {
    // Invoices: tenant, customer, invoice id, due, issued, paid; tickets: tenant, customer, ticket id, priority,
    // opened, opened seen, closed.
    auto columns = Columns({Of::kText, Of::kInt8, Of::kText, Of::kTimestampTz, Of::kTimestampTz, Of::kTimestampTz,
                            Of::kText, Of::kInt8, Of::kText, Of::kText, Of::kTimestampTz, Of::kTimestampTz,
                            Of::kTimestampTz});
    for (const auto& [key, value] : delta.invoices) {
        columns[0].Text(std::get<0>(key));
        columns[1].Int8(std::get<1>(key));
        columns[2].Text(std::get<2>(key));
        columns[3].OptionalTimestampUs(value.due_at);
        columns[4].OptionalTimestampUs(value.issued_at);
        columns[5].OptionalTimestampUs(value.paid_at);
    }
    for (const auto& [key, value] : delta.tickets) {
        columns[6].Text(std::get<0>(key));
        columns[7].Int8(std::get<1>(key));
        columns[8].Text(std::get<2>(key));
        columns[9].Text(value.priority);
        columns[10].OptionalTimestampUs(value.opened_at);
        columns[11].OptionalTimestampUs(value.opened_seen_at);
        columns[12].OptionalTimestampUs(value.closed_at);
    }
    return Statement("upsert_health_items", kUpsertItems, columns);
}

}  // namespace

void AppendHealthStatements(const HealthDelta& delta, std::vector<pg::Connection::Pipelined>& statements) {
    if (!delta.activity.empty()) statements.push_back(ActivityStatement(delta));
    if (!delta.features.empty()) statements.push_back(FeatureStatement(delta));
    if (!delta.invoices.empty() || !delta.tickets.empty()) statements.push_back(ItemsStatement(delta));
}

}  // namespace auditrail::ingest
