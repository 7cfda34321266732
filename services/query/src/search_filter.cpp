#include "search_filter.hpp"

#include <algorithm>
#include <auditrail/events/time.hpp>
#include <auditrail/events/uuid.hpp>
#include <charconv>
#include <set>

#include "parameters.hpp"

namespace auditrail::query {
namespace {

constexpr std::size_t kMaxTextValue = 1024;
constexpr std::size_t kMaxDataDepth = 32;
constexpr std::string_view kDataPrefix = "data.";

std::optional<std::int64_t> ParseNonNegative(std::string_view text) {
    if (text.empty() || text.size() > 19) return std::nullopt;
    for (char c : text) {
        if (c < '0' || c > '9') return std::nullopt;
    }
    std::int64_t value = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
    return value;
}

bool IsActionName(std::string_view text) {
    if (text.empty() || text.size() > 128) return false;
    return std::all_of(text.begin(), text.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '.' ||
               c == ':' || c == '-';
    });
}

std::string Text(std::string_view name, const std::string& value, std::size_t max_bytes) {
    if (value.empty()) throw InvalidParameter(name, "must not be empty");
    if (value.size() > max_bytes) {
        throw InvalidParameter(name, "is longer than " + std::to_string(max_bytes) + " bytes");
    }
    return value;
}

events::TimeUs Time(std::string_view name, const std::string& value) {
    const auto parsed = events::ParseRfc3339(value);
    if (!parsed) throw InvalidParameter(name, "is not an RFC 3339 date-time with an offset");
    return *parsed;
}

std::vector<std::string> DataPath(const std::string& name) {
    std::vector<std::string> path;
    std::string_view rest = std::string_view(name).substr(kDataPrefix.size());
    for (;;) {
        const auto dot = rest.find('.');
        const auto key = rest.substr(0, dot);
        if (key.empty()) throw InvalidParameter(name, "a data key must not be empty");
        path.emplace_back(key);
        if (dot == std::string_view::npos) break;
        rest = rest.substr(dot + 1);
    }
    if (path.size() > kMaxDataDepth) throw InvalidParameter(name, "is nested deeper than 32 keys");
    return path;
}

void AppendField(std::string& out, std::string_view name, std::string_view value) {
    out += name;
    out += std::to_string(value.size());
    out.push_back(':');
    out += value;
    out.push_back(';');
}

}  // namespace

SearchFilter ParseSearchFilter(const http::Params& params, FilterUse use, events::TimeUs now) {
    SearchFilter filter;
    std::optional<events::TimeUs> from;
    std::optional<events::TimeUs> to;
    std::set<std::string> seen;
    for (const auto& [name, value] : params) {
        // A token in the query string is ignored (API.md §1): only the Authorization header carries one.
        if (name == "access_token") continue;
        if (name != "action" && !seen.insert(name).second) throw InvalidParameter(name, "is given more than once");
        const bool search = use == FilterUse::kSearch;
        if (name == "from") {
            from = Time(name, value);
        } else if (name == "to") {
            to = Time(name, value);
        } else if (name == "category") {
            filter.category = Text(name, value, 64);
        } else if (name == "action") {
            if (!IsActionName(value)) throw InvalidParameter(name, "is not 1-128 characters of [A-Za-z0-9_.:-]");
            if (std::find(filter.actions.begin(), filter.actions.end(), value) == filter.actions.end()) {
                filter.actions.push_back(value);
            }
        } else if (name == "outcome") {
            if (value != "success" && value != "failure" && value != "unknown") {
                throw InvalidParameter(name, "must be success, failure or unknown");
            }
            filter.outcome = value;
        } else if (name == "actor_id") {
            filter.actor_id = Text(name, value, 256);
        } else if (name == "customer_id" || name == "store_id") {
            const auto id = ParseNonNegative(value);
            if (!id) throw InvalidParameter(name, "is not an integer between 0 and 2^63-1");
            (name == "customer_id" ? filter.customer_id : filter.store_id) = id;
        } else if (name == "resource_type") {
            filter.resource_type = Text(name, value, 128);
        } else if (name == "resource_id") {
            filter.resource_id = Text(name, value, 256);
        } else if (name == "q") {
            filter.q = Text(name, value, kMaxTextValue);
        } else if (name.rfind(kDataPrefix, 0) == 0) {
            if (value.size() > kMaxTextValue) throw InvalidParameter(name, "is longer than 1024 bytes");
            filter.data.push_back({DataPath(name), value});
        } else if (name == "order") {
            if (value != "asc" && value != "desc") throw InvalidParameter(name, "must be asc or desc");
            filter.order = value == "asc" ? SortOrder::kAsc : SortOrder::kDesc;
        } else if (search && name == "limit") {
            const auto limit = ParseNonNegative(value);
            if (!limit || *limit < 1 || *limit > kMaxLimit)
                throw InvalidParameter(name, "must be an integer from 1 to 5000");
            filter.limit = static_cast<int>(*limit);
        } else if (search && name == "cursor") {
            filter.cursor = Text(name, value, kMaxTextValue);
        } else if (search && name == "count") {
            if (value != "true" && value != "false") throw InvalidParameter(name, "must be true or false");
            filter.count = value == "true";
        } else if (!search && name == "format") {
            if (value == "csv") {
                filter.format = ExportFormat::kCsv;
            } else if (value == "ndjson") {
                filter.format = ExportFormat::kNdjson;
            } else if (value == "xlsx") {
                filter.format = ExportFormat::kXlsx;
            } else {
                throw InvalidParameter(name, "must be csv, ndjson or xlsx");
            }
        } else {
            throw InvalidParameter(name, "is not a parameter of this route");
        }
    }
    filter.from_given = from.has_value();
    filter.to_given = to.has_value();
    filter.to = to.value_or(now + kDefaultToAheadUs);
    // Without from: now − 30 days (API.md); with a `to` given alone, the 30 days before it (a window that ends
    // there is what its sender means); never before year 1, which PostgreSQL refuses.
    filter.from = from.value_or(std::max(kEarliestTimeUs, (to ? *to : now) - kDefaultWindowUs));
    if (filter.from >= filter.to) throw InvalidParameter("to", "must be later than from");
    return filter;
}

std::string FilterFingerprint(const SearchFilter& filter) {
    std::string out;
    AppendField(out, "from", filter.from_given ? std::to_string(filter.from) : "");
    AppendField(out, "to", filter.to_given ? std::to_string(filter.to) : "");
    AppendField(out, "category", filter.category.value_or(""));
    auto actions = filter.actions;
    std::sort(actions.begin(), actions.end());
    for (const auto& action : actions) AppendField(out, "action", action);
    AppendField(out, "outcome", filter.outcome.value_or(""));
    AppendField(out, "actor_id", filter.actor_id.value_or(""));
    AppendField(out, "customer_id", filter.customer_id ? std::to_string(*filter.customer_id) : "");
    AppendField(out, "store_id", filter.store_id ? std::to_string(*filter.store_id) : "");
    AppendField(out, "resource_type", filter.resource_type.value_or(""));
    AppendField(out, "resource_id", filter.resource_id.value_or(""));
    AppendField(out, "q", filter.q.value_or(""));
    auto data = filter.data;
    std::sort(data.begin(), data.end(),
              [](const auto& a, const auto& b) { return std::tie(a.path, a.value) < std::tie(b.path, b.value); });
    for (const auto& condition : data) {
        for (const auto& key : condition.path) AppendField(out, "data.key", key);
        AppendField(out, "data.value", condition.value);
    }
    AppendField(out, "order", filter.order == SortOrder::kAsc ? "asc" : "desc");
    return out;
}

std::string SqlValues::Add(std::string value, std::string_view type) {
    std::string placeholder;
    if (quote_) {
        placeholder = quote_(value);
    } else {
        params_.emplace_back(std::move(value));
        placeholder.push_back('$');
        placeholder += std::to_string(params_.size());
    }
    placeholder += "::";
    placeholder += type;
    return placeholder;
}

std::string ContainsPattern(std::string_view text) {
    std::string pattern = "%";
    for (char c : text) {
        if (c == '%' || c == '_' || c == '\\') pattern.push_back('\\');
        pattern.push_back(c);
    }
    pattern.push_back('%');
    return pattern;
}

std::string WhereClause(const SearchFilter& filter, const std::string& tenant,
                        const std::optional<KeysetPosition>& after, SqlValues& values) {
    std::string sql = "WHERE tenant = " + values.Add(tenant, "text");
    // Literal bounds on the partition key, so that partitions outside the window are pruned.
    sql += " AND occurred_at >= " + values.Add(events::FormatRfc3339(filter.from), "timestamptz");
    sql += " AND occurred_at < " + values.Add(events::FormatRfc3339(filter.to), "timestamptz");
    const auto equals = [&](std::string_view column, const std::optional<std::string>& value, std::string_view type) {
        if (!value) return;
        sql += " AND ";
        sql += column;
        sql += " = " + values.Add(*value, type);
    };
    equals("category", filter.category, "text");
    if (filter.actions.size() == 1) {
        equals("action", filter.actions.front(), "text");
    } else if (!filter.actions.empty()) {
        // A text[] literal of names from [A-Za-z0-9_.:-]: nothing in them needs quoting.
        std::string array = "{";
        for (std::size_t i = 0; i < filter.actions.size(); ++i) {
            if (i) array.push_back(',');
            array.push_back('"');
            array += filter.actions[i];
            array.push_back('"');
        }
        array.push_back('}');
        sql += " AND action = ANY(" + values.Add(array, "text[]") + ")";
    }
    equals("outcome", filter.outcome, "text");
    equals("actor_id", filter.actor_id, "text");
    if (filter.customer_id) equals("customer_id", std::to_string(*filter.customer_id), "bigint");
    if (filter.store_id) equals("store_id", std::to_string(*filter.store_id), "bigint");
    equals("resource_type", filter.resource_type, "text");
    equals("resource_id", filter.resource_id, "text");
    if (filter.q) sql += " AND message ILIKE " + values.Add(ContainsPattern(*filter.q), "text");
    for (const auto& condition : filter.data) {
        // The path as a text[] literal; every key is quoted and escaped.
        std::string path = "{";
        for (std::size_t i = 0; i < condition.path.size(); ++i) {
            if (i) path.push_back(',');
            path.push_back('"');
            for (char c : condition.path[i]) {
                if (c == '"' || c == '\\') path.push_back('\\');
                path.push_back(c);
            }
            path.push_back('"');
        }
        path.push_back('}');
        const std::string at = "(data #> " + values.Add(path, "text[]") + ")";
        const std::string value = values.Add(condition.value, "text");
        // A string equal to the value, or a number or boolean whose JSON text equals it.
        sql += " AND (" + at + " = to_jsonb(" + value + ") OR (jsonb_typeof" + at + " IN ('number', 'boolean') AND " +
               at + "::text = " + value + "))";
    }
    if (after) {
        sql += filter.order == SortOrder::kDesc ? " AND (occurred_at, id) < (" : " AND (occurred_at, id) > (";
        sql += values.Add(events::FormatRfc3339(after->occurred_at), "timestamptz") + ", " +
               values.Add(after->id, "uuid") + ")";
    }
    return sql;
}

std::string_view OrderByClause(SortOrder order) {
    return order == SortOrder::kDesc ? "ORDER BY occurred_at DESC, id DESC" : "ORDER BY occurred_at, id";
}

}  // namespace auditrail::query
