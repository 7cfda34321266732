#include "event_json.hpp"

#include <auditrail/common/json.hpp>

namespace auditrail::query {
namespace {

void Member(std::string& out, bool& first, std::string_view name) {
    if (!first) out.push_back(',');
    first = false;
    out.push_back('"');
    out += name;
    out += "\":";
}

void StringMember(std::string& out, bool& first, std::string_view name, const EventRow& row, EventColumn column) {
    if (row.null[column]) return;
    Member(out, first, name);
    common::AppendJsonString(out, row.value[column]);
}

/// A nested object (actor, resource) of the columns that are not NULL; absent when all are.
void ObjectMember(std::string& out, bool& first, std::string_view name, const EventRow& row,
                  std::initializer_list<std::pair<std::string_view, EventColumn>> members) {
    bool any = false;
    for (const auto& member : members) any = any || !row.null[member.second];
    if (!any) return;
    Member(out, first, name);
    out.push_back('{');
    bool inner_first = true;
    for (const auto& [member_name, column] : members) StringMember(out, inner_first, member_name, row, column);
    out.push_back('}');
}

}  // namespace

EventRow RowOf(const pg::Result& result, int row) {
    EventRow out;
    for (std::size_t column = 0; column < kEventColumnCount; ++column) {
        const int index = static_cast<int>(column);
        out.null[column] = result.IsNull(row, index);
        if (!out.null[column]) out.value[column] = result.Get(row, index);
    }
    return out;
}

void AppendRfc3339(std::string& out, std::string_view text) {
    // "YYYY-MM-DD HH:MM:SS" [".f…"] "+00"
    if (text.size() < 19) {
        out += text;
        return;
    }
    out += text.substr(0, 10);
    out.push_back('T');
    out += text.substr(11, 8);
    out.push_back('.');
    std::size_t digits = 0;
    if (text.size() > 19 && text[19] == '.') {
        for (std::size_t i = 20; i < text.size() && text[i] >= '0' && text[i] <= '9' && digits < 6; ++i, ++digits) {
            out.push_back(text[i]);
        }
    }
    out.append(6 - digits, '0');
    out.push_back('Z');
}

std::string Rfc3339(std::string_view pg_timestamp) {
    std::string out;
    AppendRfc3339(out, pg_timestamp);
    return out;
}

void AppendCompactJson(std::string& out, std::string_view json) {
    bool in_string = false;
    bool escaped = false;
    for (char c : json) {
        if (in_string) {
            out.push_back(c);
            if (escaped) {
                escaped = false;
            } else if (c == '\\') {
                escaped = true;
            } else if (c == '"') {
                in_string = false;
            }
        } else if (c == '"') {
            in_string = true;
            out.push_back(c);
        } else if (c != ' ' && c != '\n' && c != '\t' && c != '\r') {
            out.push_back(c);
        }
    }
}

void AppendEventJson(std::string& out, const EventRow& row) {
    bool first = true;
    out.push_back('{');
    StringMember(out, first, "id", row, kId);
    Member(out, first, "occurred_at");
    out.push_back('"');
    AppendRfc3339(out, row.value[kOccurredAt]);
    out.push_back('"');
    StringMember(out, first, "category", row, kCategory);
    StringMember(out, first, "action", row, kAction);
    StringMember(out, first, "outcome", row, kOutcome);
    ObjectMember(out, first, "actor", row,
                 {{"id", kActorId},
                  {"type", kActorType},
                  {"name", kActorName},
                  {"ip", kActorIp},
                  {"user_agent", kActorUserAgent}});
    if (!row.null[kCustomerId]) {
        Member(out, first, "customer_id");
        out += row.value[kCustomerId];
    }
    if (!row.null[kStoreId]) {
        Member(out, first, "store_id");
        out += row.value[kStoreId];
    }
    ObjectMember(out, first, "resource", row, {{"type", kResourceType}, {"id", kResourceId}});
    StringMember(out, first, "message", row, kMessage);
    if (!row.null[kData]) {
        Member(out, first, "data");
        AppendCompactJson(out, row.value[kData]);
    }
    StringMember(out, first, "tenant", row, kTenant);
    Member(out, first, "received_at");
    out.push_back('"');
    AppendRfc3339(out, row.value[kReceivedAt]);
    out.push_back('"');
    StringMember(out, first, "ingested_by", row, kIngestedBy);
    out.push_back('}');
}

}  // namespace auditrail::query
