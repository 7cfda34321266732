#include "typed_data.hpp"

#include <algorithm>
#include <array>
#include <string>
#include <vector>

#include "dom.hpp"

namespace auditrail::events::detail {
namespace {

enum class Kind {
    kReference,  ///< invoice_id, ticket_id: a string of 1–128 bytes, or an integer ≥ 0 (kept as sent)
    kName,       ///< endpoint, feature: a string of 1–256 bytes
    kAmount,     ///< a number > 0
    kCurrency,   ///< three upper-case ASCII letters
    kTime,       ///< RFC 3339 with offset
    kPriority,   ///< low, normal, high, urgent
    kCount,      ///< an integer from 1 to kMaxDataCount
};

struct FieldRule {
    std::string_view name;
    Kind kind;
    bool required;
};

struct ActionRule {
    std::string_view action;
    std::vector<FieldRule> fields;
};

constexpr std::size_t kMaxReferenceBytes = 128;
constexpr std::size_t kMaxNameBytes = 256;

// API.md §2, "Known customer-activity actions carry typed data".
const std::array<ActionRule, 7>& ActionRules() {
    static const std::array<ActionRule, 7> kRules{{
        {"customer.login", {}},
        {"invoice.issued",
         {{"invoice_id", Kind::kReference, true},
          {"amount", Kind::kAmount, true},
          {"currency", Kind::kCurrency, true},
          {"due_at", Kind::kTime, true}}},
        {"invoice.paid",
         {{"invoice_id", Kind::kReference, true}, {"paid_at", Kind::kTime, false}, {"amount", Kind::kAmount, false}}},
        {"ticket.opened",
         {{"ticket_id", Kind::kReference, true},
          {"priority", Kind::kPriority, false},
          {"created_at", Kind::kTime, false}}},
        {"ticket.closed",
         {{"ticket_id", Kind::kReference, true},
          {"closed_at", Kind::kTime, false},
          {"created_at", Kind::kTime, false}}},
        {"api.call", {{"endpoint", Kind::kName, true}, {"count", Kind::kCount, false}}},
        {"feature.used", {{"feature", Kind::kName, true}, {"count", Kind::kCount, false}}},
    }};
    return kRules;
}

const ActionRule* FindRule(std::string_view action) {
    const auto& rules = ActionRules();
    auto it = std::find_if(rules.begin(), rules.end(), [&](const ActionRule& rule) { return rule.action == action; });
    return it == rules.end() ? nullptr : &*it;
}

bool IsCurrency(std::string_view text) {
    return text.size() == 3 && std::all_of(text.begin(), text.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
}

// Checks one present, non-null value; returns its time for kTime fields.
std::optional<TimeUs> CheckValue(Kind kind, simdjson::dom::element value, const std::string& field, ErrorSink& sink) {
    switch (kind) {
        case Kind::kReference:
            if (value.is_int64() || value.is_uint64()) {
                ReadInteger(value, field, 0, sink);
            } else if (value.is_string()) {
                ReadString(value, field, 1, kMaxReferenceBytes, sink);
            } else {
                sink.Add(field, "must be a string or an integer");
            }
            break;
        case Kind::kName:
            ReadString(value, field, 1, kMaxNameBytes, sink);
            break;
        case Kind::kAmount:
            ReadPositiveNumber(value, field, sink);
            break;
        case Kind::kCurrency:
            if (!value.is_string() || !IsCurrency(AsString(value))) {
                sink.Add(field, "must be three upper-case letters (ISO 4217)");
            }
            break;
        case Kind::kTime:
            return ReadTimestamp(value, field, sink);
        case Kind::kPriority:
            ReadEnum(value, field, {"low", "normal", "high", "urgent"}, "must be low, normal, high or urgent", sink);
            break;
        case Kind::kCount:
            ReadInteger(value, field, 1, sink, kMaxDataCount);
            break;
    }
    return std::nullopt;
}

// Keeps a checked value in `typed` where the health state reads it.
void Keep(const FieldRule& rule, simdjson::dom::element value, std::optional<TimeUs> time, TypedData& typed) {
    switch (rule.kind) {
        case Kind::kReference:
            if (value.is_int64()) {
                typed.reference = std::to_string(As<std::int64_t>(value));
            } else if (value.is_uint64()) {
                typed.reference = std::to_string(As<std::uint64_t>(value));
            } else if (value.is_string()) {
                typed.reference.assign(AsString(value));
            }
            break;
        case Kind::kName:
            if (rule.name == "feature" && value.is_string()) typed.feature.emplace(AsString(value));
            break;
        case Kind::kTime:
            if (rule.name == "due_at") typed.due_at = time;
            if (rule.name == "paid_at") typed.paid_at = time;
            if (rule.name == "created_at") typed.created_at = time;
            if (rule.name == "closed_at") typed.closed_at = time;
            break;
        case Kind::kPriority:
            if (value.is_string()) typed.priority.emplace(AsString(value));
            break;
        case Kind::kCount:
            if (value.is_int64() && As<std::int64_t>(value) >= 1 && As<std::int64_t>(value) <= kMaxDataCount) {
                typed.count = As<std::int64_t>(value);
            }
            break;
        case Kind::kAmount:
        case Kind::kCurrency:
            break;
    }
}

}  // namespace

bool IsCustomerActivity(std::string_view action) { return FindRule(action) != nullptr; }

void ValidateTypedData(std::string_view action, std::optional<simdjson::dom::object> data,
                       std::optional<TimeUs> occurred_at, ErrorSink& sink, TypedData& typed) {
    const ActionRule* rule = FindRule(action);
    if (rule == nullptr) return;
    std::optional<TimeUs> created_at;
    std::optional<TimeUs> closed_at;
    bool closed_at_invalid = false;
    for (const FieldRule& field_rule : rule->fields) {
        const std::string field = "data." + std::string(field_rule.name);
        simdjson::dom::element value;
        const bool present = data && data->at_key(field_rule.name).get(value) == simdjson::SUCCESS && !IsNull(value);
        if (!present) {
            if (field_rule.required) sink.Add(field, "is required");
            continue;
        }
        std::optional<TimeUs> time = CheckValue(field_rule.kind, value, field, sink);
        Keep(field_rule, value, time, typed);
        if (field_rule.name == "created_at") created_at = time;
        if (field_rule.name == "closed_at") {
            closed_at = time;
            closed_at_invalid = !time;
        }
    }
    // A rule between two fields names the later one (API.md §2): closed_at defaults to occurred_at.
    if (action == "ticket.closed" && created_at && !closed_at_invalid) {
        const std::optional<TimeUs> closed = closed_at ? closed_at : occurred_at;
        if (closed && *closed < *created_at) sink.Add("data.closed_at", "must not be before data.created_at");
    }
}

}  // namespace auditrail::events::detail
