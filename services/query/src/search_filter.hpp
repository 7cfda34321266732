#pragma once

#include <auditrail/events/event.hpp>
#include <auditrail/http/query_string.hpp>
#include <auditrail/pg/connection.hpp>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace auditrail::query {

enum class SortOrder { kDesc, kAsc };

/// `data.a.b=value`: the value at path [a, b] inside `data` equals `value` (API.md §3).
struct DataCondition {
    std::vector<std::string> path;
    std::string value;
};

/// Which route the parameters came to: search takes limit/cursor/count, export takes format.
enum class FilterUse { kSearch, kExport };

enum class ExportFormat { kCsv, kNdjson, kXlsx };

/// The validated parameters of GET /v1/events and GET /v1/events/export.
struct SearchFilter {
    events::TimeUs from = 0;  ///< inclusive
    events::TimeUs to = 0;    ///< exclusive
    bool from_given = false;  ///< false: defaulted
    bool to_given = false;
    std::optional<std::string> category;
    std::vector<std::string> actions;  ///< any of them (OR); empty: all
    std::optional<std::string> outcome;
    std::optional<std::string> actor_id;
    std::optional<std::int64_t> customer_id;
    std::optional<std::int64_t> store_id;
    std::optional<std::string> resource_type;
    std::optional<std::string> resource_id;
    std::optional<std::string> q;  ///< substring of message, case-insensitive
    std::vector<DataCondition> data;
    SortOrder order = SortOrder::kDesc;

    // Search only.
    int limit = 100;
    bool count = false;
    std::optional<std::string> cursor;
    // Export only.
    ExportFormat format = ExportFormat::kCsv;
};

inline constexpr int kMaxLimit = 5000;
inline constexpr events::TimeUs kDefaultWindowUs = 30LL * 24 * 3600 * 1000000;
inline constexpr events::TimeUs kDefaultToAheadUs = 5LL * 60 * 1000000;
/// 0001-01-01T00:00:00Z, the earliest instant RFC 3339 text (and so a parameter) can name.
inline constexpr events::TimeUs kEarliestTimeUs = -62'135'596'800LL * 1000000;

/// Validates the parameters. Defaults: to = now + 5 minutes; from = 30 days before `to`.
/// @throws http::HttpError 400 invalid_parameter naming the first bad, repeated or unknown parameter.
SearchFilter ParseSearchFilter(const http::Params& params, FilterUse use, events::TimeUs now);

/// The filters and the order in a canonical text (not limit, count, cursor or format; not the time window
/// when it was defaulted): two requests with the same fingerprint select the same events. A cursor binds it.
std::string FilterFingerprint(const SearchFilter& filter);

/// Where a keyset page starts: after this (occurred_at, id) in the filter's order.
struct KeysetPosition {
    events::TimeUs occurred_at = 0;
    std::string id;  ///< canonical UUID text
};

/// Collects the values of a statement: as `$n` parameters, or (for COPY, which takes none) as quoted
/// literals when built with a quoting function.
class SqlValues {
public:
    SqlValues() = default;
    explicit SqlValues(std::function<std::string(std::string_view)> quote) : quote_(std::move(quote)) {}

    /// The placeholder (or literal) for `value`, cast to `type` ("text", "bigint", "timestamptz", ...).
    std::string Add(std::string value, std::string_view type);
    const pg::Params& Params() const { return params_; }

private:
    std::function<std::string(std::string_view)> quote_;
    pg::Params params_;
};

/// `WHERE tenant = … AND occurred_at >= … AND occurred_at < … AND …` for `filter`, confined to `tenant`,
/// and past `after` in the filter's order when given.
std::string WhereClause(const SearchFilter& filter, const std::string& tenant,
                        const std::optional<KeysetPosition>& after, SqlValues& values);

/// `ORDER BY occurred_at DESC, id DESC` (or ASC).
std::string_view OrderByClause(SortOrder order);

/// `text` with LIKE's wildcards and escape character escaped, wrapped in `%…%`.
std::string ContainsPattern(std::string_view text);

}  // namespace auditrail::query
