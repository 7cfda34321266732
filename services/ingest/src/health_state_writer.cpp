#include "health_state_writer.hpp"

#include <auditrail/events/time.hpp>
#include <auditrail/pg/connection.hpp>
#include <auditrail/pg/copy_buffer.hpp>

#include <charconv>

namespace auditrail::ingest {
namespace {

// Activity and feature buckets are appended to the pending tables by binary COPY (V007, V008): no unique key, so two
// writers never wait for each other's commit, and the folder merges them later. Invoices and tickets are keyed by
// their own ids, rarely touched twice, so they are upserted at once, in one statement from arrays (unnest) with
// data-modifying CTEs; the merge rules are those of HealthDelta::Add; LEAST and GREATEST ignore NULLs; the delta
// holds each key once, as ON CONFLICT needs. Prepared once per connection.
// COPY into the active slot's partition itself (V008), which saves routing each row through the parent; the
// partition's `slot` column defaults to its own value.
std::string CopyActivitySql(int slot) {
    return "COPY customer_activity_pending_" + std::to_string(slot) +
           " (tenant, customer_id, day, action, events, usage, first_at, last_at) FROM STDIN (FORMAT binary)";
}
std::string CopyFeaturesSql(int slot) {
    return "COPY customer_feature_pending_" + std::to_string(slot) +
           " (tenant, customer_id, day, feature, first_at, last_at) FROM STDIN (FORMAT binary)";
}
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

constexpr int kParams = 13;

/// A PostgreSQL array literal in text form: {"a","b",NULL}. Every element is quoted, so any text is safe.
/// Built without printf or temporary strings: formatting these arrays was most of the writer's health cost.
class ArrayLiteral {
public:
    ArrayLiteral() : text_("{") {}

    void Reserve(std::size_t elements, std::size_t bytes_each) { text_.reserve(2 + elements * (bytes_each + 1)); }

    void Text(std::string_view value) {
        Separate();
        text_ += '"';
        if (value.find_first_of("\"\\") == std::string_view::npos) {
            text_ += value;
        } else {
            for (char c : value) {
                if (c == '"' || c == '\\') text_ += '\\';
                text_ += c;
            }
        }
        text_ += '"';
    }
    void Int(std::int64_t value) {
        Separate();
        char digits[24];
        const auto [end, error] = std::to_chars(digits, digits + sizeof digits, value);
        text_.append(digits, end);
    }
    void Time(TimeUs value) {
        Separate();
        events::AppendRfc3339(text_, value);  // digits, '-', ':', '.', 'T', 'Z': nothing to quote
    }
    void OptionalTime(const std::optional<TimeUs>& value) {
        if (value) {
            Time(*value);
        } else {
            Separate();
            text_ += "NULL";
        }
    }
    std::string Finish() { return std::move(text_) + "}"; }

private:
    void Separate() {
        if (text_.size() > 1) text_ += ',';
    }
    std::string text_;
};

void UpsertItems(pg::Connection& connection, const HealthDelta& delta) {
    if (delta.invoices.empty() && delta.tickets.empty()) return;
    std::vector<ArrayLiteral> columns(kParams);
    for (int column = 0; column < kParams; ++column) {
        columns[column].Reserve(column < 6 ? delta.invoices.size() : delta.tickets.size(), 40);
    }
    for (const auto& [key, value] : delta.invoices) {
        columns[0].Text(std::get<0>(key));
        columns[1].Int(std::get<1>(key));
        columns[2].Text(std::get<2>(key));
        columns[3].OptionalTime(value.due_at);
        columns[4].OptionalTime(value.issued_at);
        columns[5].OptionalTime(value.paid_at);
    }
    for (const auto& [key, value] : delta.tickets) {
        columns[6].Text(std::get<0>(key));
        columns[7].Int(std::get<1>(key));
        columns[8].Text(std::get<2>(key));
        columns[9].Text(value.priority);
        columns[10].OptionalTime(value.opened_at);
        columns[11].OptionalTime(value.opened_seen_at);
        columns[12].OptionalTime(value.closed_at);
    }
    pg::Params params;
    params.reserve(kParams);
    for (auto& column : columns) params.emplace_back(column.Finish());
    connection.ExecPrepared("upsert_health_items", kUpsertItems, params);
}

}  // namespace

void WriteHealthDelta(pg::Connection& connection, const HealthDelta& delta, int pending_slot) {
    if (!delta.activity.empty()) {
        pg::BinaryCopyBuffer rows;
        for (const auto& [key, value] : delta.activity) {
            rows.StartRow(8);
            rows.Text(std::get<0>(key));
            rows.Int8(std::get<1>(key));
            rows.Date(std::get<2>(key));
            rows.Text(std::get<3>(key));
            rows.Int8(value.events);
            rows.Int8(value.usage);
            rows.TimestampUs(value.first_at);
            rows.TimestampUs(value.last_at);
        }
        connection.CopyIn(CopyActivitySql(pending_slot), rows.Finish());
    }
    if (!delta.features.empty()) {
        pg::BinaryCopyBuffer rows;
        for (const auto& [key, value] : delta.features) {
            rows.StartRow(6);
            rows.Text(std::get<0>(key));
            rows.Int8(std::get<1>(key));
            rows.Date(std::get<2>(key));
            rows.Text(std::get<3>(key));
            rows.TimestampUs(value.first_at);
            rows.TimestampUs(value.last_at);
        }
        connection.CopyIn(CopyFeaturesSql(pending_slot), rows.Finish());
    }
    UpsertItems(connection, delta);
}

}  // namespace auditrail::ingest
