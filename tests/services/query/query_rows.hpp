#pragma once

// Events written straight into the table, for query tests that need exact times and many rows.
#include <auditrail/events/time.hpp>
#include <auditrail/events/uuid.hpp>
#include <auditrail/pg/partitions.hpp>
#include <support/pg_fixture.hpp>

// As simdjson::simdjson's users are compiled (the libraries' thread_local parsers must have the same layout).
#ifndef SIMDJSON_THREADS_ENABLED
#define SIMDJSON_THREADS_ENABLED 1
#endif
#include <simdjson.h>

#include <optional>
#include <set>
#include <string>
#include <vector>

// Rows are written with designated initializers naming only the fields a test cares about.
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"

namespace auditrail::test {

struct Row {
    std::string occurred_at;  ///< RFC 3339
    std::string action = "user.login";
    std::string category = "general";
    std::string outcome = "success";
    std::optional<std::string> actor_id;
    std::optional<std::int64_t> customer_id;
    std::optional<std::int64_t> store_id;
    std::optional<std::string> resource_type;
    std::optional<std::string> resource_id;
    std::optional<std::string> message;
    std::optional<std::string> data;  ///< JSON object text
    std::string id;                   ///< filled in when empty
};

/// Tests write their times in months "2025-01" to "2025-05" (days up to 28); Shift maps those to the five
/// months before the current one, so that the events stay inside the retention window that partition
/// maintenance keeps. "202502" (partition names) is mapped alike.
inline std::string Shift(const std::string& text) {
    const auto now = events::NowUs();
    std::string out;
    for (std::size_t at = 0; at < text.size();) {
        const bool dashed = text.compare(at, 6, "2025-0") == 0;
        const bool compact = !dashed && text.compare(at, 5, "20250") == 0;
        const std::size_t digit = at + (dashed ? 6 : 5);
        if ((dashed || compact) && digit < text.size() && text[digit] >= '1' && text[digit] <= '5') {
            const std::string month = events::FormatRfc3339(events::MonthStart(now, text[digit] - '0' - 6));
            out += dashed ? month.substr(0, 7) : month.substr(0, 4) + month.substr(5, 2);
            at = digit + 1;
        } else {
            out.push_back(text[at++]);
        }
    }
    return out;
}

/// Inserts `rows` for `tenant` and returns their ids in order.
inline std::vector<std::string> InsertRows(pg::Connection& db, const std::string& tenant, std::vector<Row> rows) {
    std::vector<std::string> ids;
    for (auto& row : rows) {
        const auto at = events::ParseRfc3339(row.occurred_at);
        if (!at) throw std::runtime_error("bad time " + row.occurred_at);
        pg::EnsureMonthPartition(db, *at);
        if (row.id.empty()) row.id = events::NewUuidV7(events::NowUs());
        const auto text = [](const std::optional<std::int64_t>& v) {
            return v ? std::optional<std::string>(std::to_string(*v)) : std::nullopt;
        };
        db.Exec(
            "INSERT INTO events (tenant, occurred_at, id, received_at, category, action, outcome, actor_id,"
            " customer_id, store_id, resource_type, resource_id, message, data, ingested_by)"
            " VALUES ($1, $2, $3, now(), $4, $5, $6, $7, $8, $9, $10, $11, $12, $13::jsonb, 'test')",
            {tenant, row.occurred_at, row.id, row.category, row.action, row.outcome, row.actor_id,
             text(row.customer_id), text(row.store_id), row.resource_type, row.resource_id, row.message, row.data});
        ids.push_back(row.id);
    }
    return ids;
}

/// The ids of the `events` array of a search answer, in order.
inline std::vector<std::string> EventIds(const std::string& body) {
    simdjson::dom::parser parser;
    std::vector<std::string> ids;
    for (auto event : parser.parse(body)["events"].get_array()) {
        ids.emplace_back(std::string_view(event["id"].get_string()));
    }
    return ids;
}

inline std::set<std::string> IdSet(const std::vector<std::string>& ids) { return {ids.begin(), ids.end()}; }

}  // namespace auditrail::test
