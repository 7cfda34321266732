#include "event_rows.hpp"

#include <auditrail/events/uuid.hpp>

#include <stdexcept>

namespace auditrail::ingest {
namespace {

constexpr std::int16_t kColumns = 19;

using Of = pg::BinaryArray::Of;

/// The element type of each column, in the order WriteEvent writes them.
constexpr std::array<Of, kColumns> kColumnTypes = {
    Of::kText, Of::kTimestampTz, Of::kUuid, Of::kTimestampTz, Of::kText, Of::kText, Of::kText,
    Of::kText, Of::kText,        Of::kText, Of::kText,        Of::kText, Of::kInt8, Of::kInt8,
    Of::kText, Of::kText,        Of::kText, Of::kJsonb,       Of::kText};

/// A row of EventArrays: each value goes to the next column's array.
class ArrayRow {
public:
    explicit ArrayRow(std::vector<pg::BinaryArray>& columns) : columns_(columns) {}

    void Null() { Next().Null(); }
    void Text(std::string_view value) { Next().Text(value); }
    void Int8(std::int64_t value) { Next().Int8(value); }
    void TimestampUs(std::int64_t unix_us) { Next().TimestampUs(unix_us); }
    void Uuid(const std::array<std::uint8_t, 16>& bytes) { Next().Uuid(bytes); }
    void Jsonb(std::string_view json) { Next().Jsonb(json); }

private:
    pg::BinaryArray& Next() { return columns_[column_++]; }

    std::vector<pg::BinaryArray>& columns_;
    std::size_t column_ = 0;
};

template <class Row>
void OptionalText(Row& row, const std::optional<std::string>& value) {
    if (value) {
        row.Text(*value);
    } else {
        row.Null();
    }
}

template <class Row>
void OptionalInt(Row& row, const std::optional<std::int64_t>& value) {
    if (value) {
        row.Int8(*value);
    } else {
        row.Null();
    }
}

/// Writes one event's columns to a COPY row or to EventArrays' columns, in the order of CopyEventsSql.
template <class Row>
void WriteEvent(Row& row, const WriteRequest& request, const events::Event& event) {
    const auto id = events::ParseUuid(event.id);
    if (!id) throw std::logic_error("a validated event has a malformed id");
    row.Text(request.tenant);
    row.TimestampUs(event.occurred_at);
    row.Uuid(*id);
    row.TimestampUs(request.received_at);
    row.Text(event.category);
    row.Text(event.action);
    row.Text(event.outcome);
    OptionalText(row, event.actor_id);
    OptionalText(row, event.actor_type);
    OptionalText(row, event.actor_name);
    OptionalText(row, event.actor_ip);
    OptionalText(row, event.actor_user_agent);
    OptionalInt(row, event.customer_id);
    OptionalInt(row, event.store_id);
    OptionalText(row, event.resource_type);
    OptionalText(row, event.resource_id);
    OptionalText(row, event.message);
    if (event.data) {
        row.Jsonb(*event.data);
    } else {
        row.Null();
    }
    row.Text(request.ingested_by);
}

constexpr const char* kEventColumns =
    "(tenant, occurred_at, id, received_at, category, action, outcome, actor_id, actor_type, actor_name, actor_ip, "
    "actor_user_agent, customer_id, store_id, resource_type, resource_id, message, data, ingested_by)";

}  // namespace

std::string CopyEventsSql(const std::string& table) {
    return "COPY " + table + " " + kEventColumns + " FROM STDIN (FORMAT binary)";
}

void AppendEventRow(pg::BinaryCopyBuffer& buffer, const WriteRequest& request, const events::Event& event) {
    buffer.StartRow(kColumns);
    WriteEvent(buffer, request, event);
}

const std::string kInsertEventsSql =
    std::string("INSERT INTO events ") + kEventColumns +
    " SELECT * FROM unnest($1::text[], $2::timestamptz[], $3::uuid[], $4::timestamptz[], $5::text[], $6::text[], "
    "$7::text[], $8::text[], $9::text[], $10::text[], $11::text[], $12::text[], $13::int8[], $14::int8[], "
    "$15::text[], $16::text[], $17::text[], $18::jsonb[], $19::text[])";

EventArrays::EventArrays() {
    columns_.reserve(kColumns);
    for (const Of type : kColumnTypes) columns_.emplace_back(type);
}

void EventArrays::Add(const WriteRequest& request, const events::Event& event) {
    ArrayRow row(columns_);
    WriteEvent(row, request, event);
}

pg::Params EventArrays::Finish() const {
    pg::Params params;
    params.reserve(columns_.size());
    for (const auto& column : columns_) params.emplace_back(column.Finish());
    return params;
}

}  // namespace auditrail::ingest
