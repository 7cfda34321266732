#include "health_state_writer.hpp"

#include <auditrail/events/time.hpp>
#include <auditrail/health/state.hpp>
#include <auditrail/pg/connection.hpp>

#include <charconv>

namespace auditrail::ingest {
namespace {

// One statement, one round trip: each state table is upserted from arrays of the delta's rows (unnest), in
// data-modifying CTEs. Staging tables would cost a COPY and an upsert per table, and truncating them at every
// commit (ON COMMIT DELETE ROWS) was the writers' main wait (IO:DataFileTruncate). The merge rules are those of
// HealthDelta::Add; LEAST and GREATEST ignore NULLs; the delta holds each key once, as ON CONFLICT needs.
// Prepared once per connection: parsing and planning it was a sizeable part of each batch.
const std::string kUpsertDelta =
    "WITH activity AS ("
    "INSERT INTO customer_activity_daily AS t SELECT * FROM unnest($1::text[], $2::int8[], $3::date[], $4::text[], "
    "$5::int8[], $6::int8[], $7::timestamptz[], $8::timestamptz[]) "
    "ON CONFLICT (tenant, customer_id, day, action) DO UPDATE SET events = t.events + excluded.events, "
    "usage = t.usage + excluded.usage, first_at = LEAST(t.first_at, excluded.first_at), "
    "last_at = GREATEST(t.last_at, excluded.last_at)), "
    "features AS ("
    "INSERT INTO customer_feature_daily AS t SELECT * FROM unnest($9::text[], $10::int8[], $11::date[], $12::text[], "
    "$13::timestamptz[], $14::timestamptz[]) "
    "ON CONFLICT (tenant, customer_id, day, feature) DO UPDATE SET first_at = LEAST(t.first_at, excluded.first_at), "
    "last_at = GREATEST(t.last_at, excluded.last_at)), "
    "invoices AS ("
    "INSERT INTO customer_invoices AS t SELECT * FROM unnest($15::text[], $16::int8[], $17::text[], "
    "$18::timestamptz[], $19::timestamptz[], $20::timestamptz[]) "
    "ON CONFLICT (tenant, customer_id, invoice_id) DO UPDATE SET "
    "due_at = CASE WHEN excluded.issued_at IS NOT NULL AND (t.issued_at IS NULL OR excluded.issued_at >= t.issued_at) "
    "THEN excluded.due_at ELSE t.due_at END, "
    "issued_at = GREATEST(t.issued_at, excluded.issued_at), paid_at = LEAST(t.paid_at, excluded.paid_at)), "
    "tickets AS ("
    "INSERT INTO customer_tickets AS t SELECT * FROM unnest($21::text[], $22::int8[], $23::text[], $24::text[], "
    "$25::timestamptz[], $26::timestamptz[], $27::timestamptz[]) "
    "ON CONFLICT (tenant, customer_id, ticket_id) DO UPDATE SET "
    "priority = CASE WHEN excluded.opened_seen_at IS NOT NULL AND (t.opened_seen_at IS NULL OR "
    "excluded.opened_seen_at >= t.opened_seen_at) THEN excluded.priority ELSE t.priority END, "
    "opened_at = CASE WHEN excluded.opened_seen_at IS NOT NULL AND (t.opened_seen_at IS NULL OR "
    "excluded.opened_seen_at >= t.opened_seen_at) THEN excluded.opened_at "
    "WHEN t.opened_seen_at IS NULL THEN LEAST(t.opened_at, excluded.opened_at) ELSE t.opened_at END, "
    "opened_seen_at = GREATEST(t.opened_seen_at, excluded.opened_seen_at), "
    "closed_at = LEAST(t.closed_at, excluded.closed_at)) "
    "SELECT 1";

constexpr int kParams = 27;

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
    void Day(std::int64_t unix_days) {
        Separate();
        events::AppendRfc3339(text_, unix_days * health::kDayUs);
        text_.resize(text_.size() - 17);  // keep YYYY-MM-DD
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

}  // namespace

void WriteHealthDelta(pg::Connection& connection, const HealthDelta& delta) {
    if (delta.activity.empty() && delta.features.empty() && delta.invoices.empty() && delta.tickets.empty()) return;
    std::vector<ArrayLiteral> columns(kParams);
    // Room for each column's elements at once (text of a tenant or an id rarely passes 40 bytes).
    const std::size_t sizes[4] = {delta.activity.size(), delta.features.size(), delta.invoices.size(),
                                  delta.tickets.size()};
    const int first_column[5] = {0, 8, 14, 20, kParams};
    for (int table = 0; table < 4; ++table) {
        for (int column = first_column[table]; column < first_column[table + 1]; ++column) {
            columns[column].Reserve(sizes[table], 40);
        }
    }
    for (const auto& [key, value] : delta.activity) {
        columns[0].Text(std::get<0>(key));
        columns[1].Int(std::get<1>(key));
        columns[2].Day(std::get<2>(key));
        columns[3].Text(std::get<3>(key));
        columns[4].Int(value.events);
        columns[5].Int(value.usage);
        columns[6].Time(value.first_at);
        columns[7].Time(value.last_at);
    }
    for (const auto& [key, value] : delta.features) {
        columns[8].Text(std::get<0>(key));
        columns[9].Int(std::get<1>(key));
        columns[10].Day(std::get<2>(key));
        columns[11].Text(std::get<3>(key));
        columns[12].Time(value.first_at);
        columns[13].Time(value.last_at);
    }
    for (const auto& [key, value] : delta.invoices) {
        columns[14].Text(std::get<0>(key));
        columns[15].Int(std::get<1>(key));
        columns[16].Text(std::get<2>(key));
        columns[17].OptionalTime(value.due_at);
        columns[18].OptionalTime(value.issued_at);
        columns[19].OptionalTime(value.paid_at);
    }
    for (const auto& [key, value] : delta.tickets) {
        columns[20].Text(std::get<0>(key));
        columns[21].Int(std::get<1>(key));
        columns[22].Text(std::get<2>(key));
        columns[23].Text(value.priority);
        columns[24].OptionalTime(value.opened_at);
        columns[25].OptionalTime(value.opened_seen_at);
        columns[26].OptionalTime(value.closed_at);
    }
    pg::Params params;
    params.reserve(kParams);
    for (auto& column : columns) params.emplace_back(column.Finish());
    connection.ExecPrepared("upsert_health_delta", kUpsertDelta, params);
}

}  // namespace auditrail::ingest
