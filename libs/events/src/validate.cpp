#include "validate.hpp"

#include <arpa/inet.h>

#include <algorithm>
#include <auditrail/events/time.hpp>
#include <auditrail/events/uuid.hpp>
#include <cmath>
#include <limits>
#include <string>

#include "compact_json.hpp"
#include "dom.hpp"
#include "field_rules.hpp"
#include "typed_data.hpp"

namespace auditrail::events::detail {
namespace {

constexpr std::size_t kMaxActionBytes = 128;
constexpr std::size_t kMaxCategoryBytes = 64;
constexpr std::size_t kMaxActorIdBytes = 256;
constexpr std::size_t kMaxActorTypeBytes = 32;
// API.md sets no limit on actor.name and actor.user_agent; 1 KiB holds any real name or browser UA.
constexpr std::size_t kMaxActorNameBytes = 1024;
constexpr std::size_t kMaxUserAgentBytes = 1024;
constexpr std::size_t kMaxResourceTypeBytes = 128;
constexpr std::size_t kMaxResourceIdBytes = 256;
constexpr std::size_t kMaxMessageBytes = 8 * 1024;
constexpr std::size_t kMaxIpBytes = 45;  // INET6_ADDRSTRLEN - 1
constexpr std::size_t kUnbounded = std::numeric_limits<std::size_t>::max();

bool IsActionChar(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '.' ||
           c == ':' || c == '-';
}

bool IsIpAddress(std::string_view text) {
    if (text.size() > kMaxIpBytes) return false;
    char terminated[kMaxIpBytes + 1];
    text.copy(terminated, text.size());
    terminated[text.size()] = '\0';
    unsigned char address[16];
    return inet_pton(AF_INET, terminated, address) == 1 || inet_pton(AF_INET6, terminated, address) == 1;
}

std::string Field(std::string_view parent, std::string_view key) {
    std::string path(parent);
    path += '.';
    path += key;
    return path;
}

// Reads an optional bounded string into `target`; null leaves it empty.
void ReadOptionalString(simdjson::dom::element value, std::string_view field, std::size_t max_bytes,
                        std::optional<std::string>& target, ErrorSink& sink) {
    if (IsNull(value)) return;
    if (std::optional<std::string_view> text = ReadString(value, field, 0, max_bytes, sink)) target.emplace(*text);
}

void ReadActor(simdjson::dom::element element, Event& event, ErrorSink& sink) {
    if (IsNull(element)) return;
    if (!element.is_object()) {
        sink.Add("actor", "must be a JSON object");
        return;
    }
    for (auto [key, value] : AsObject(element)) {
        if (key == "id") {
            ReadOptionalString(value, "actor.id", kMaxActorIdBytes, event.actor_id, sink);
        } else if (key == "type") {
            ReadOptionalString(value, "actor.type", kMaxActorTypeBytes, event.actor_type, sink);
        } else if (key == "name") {
            ReadOptionalString(value, "actor.name", kMaxActorNameBytes, event.actor_name, sink);
        } else if (key == "user_agent") {
            ReadOptionalString(value, "actor.user_agent", kMaxUserAgentBytes, event.actor_user_agent, sink);
        } else if (key == "ip") {
            if (IsNull(value)) continue;
            std::optional<std::string_view> ip = ReadString(value, "actor.ip", 0, kUnbounded, sink);
            if (!ip) continue;
            if (IsIpAddress(*ip)) {
                event.actor_ip.emplace(*ip);
            } else {
                sink.Add("actor.ip", "not a valid IPv4 or IPv6 address");
            }
        } else {
            sink.Add(Field("actor", key), "unknown field");
        }
    }
}

void ReadResource(simdjson::dom::element element, Event& event, ErrorSink& sink) {
    if (IsNull(element)) return;
    if (!element.is_object()) {
        sink.Add("resource", "must be a JSON object");
        return;
    }
    for (auto [key, value] : AsObject(element)) {
        if (key == "type") {
            ReadOptionalString(value, "resource.type", kMaxResourceTypeBytes, event.resource_type, sink);
        } else if (key == "id") {
            ReadOptionalString(value, "resource.id", kMaxResourceIdBytes, event.resource_id, sink);
        } else {
            sink.Add(Field("resource", key), "unknown field");
        }
    }
}

// Unix seconds (integer or fraction) to microseconds, rounded to the nearest one and saturated far outside
// any acceptable range so that the range check reports it.
TimeUs SecondsToUs(simdjson::dom::element value) {
    constexpr double kLimitSeconds = 1e12;  // ~31,700 years: far outside the accepted window, safe to scale
    double seconds = 0;
    if (value.is_int64()) {
        const std::int64_t whole = As<std::int64_t>(value);
        if (whole > -kLimitSeconds && whole < kLimitSeconds) return whole * 1'000'000;
        seconds = static_cast<double>(whole);
    } else {
        seconds = As<double>(value);  // also converts UINT64
    }
    seconds = std::clamp(seconds, -kLimitSeconds, kLimitSeconds);
    return std::llround(seconds * 1e6);
}

/// occurred_at when the event gives none: the time of receipt (API.md), except for an event whose own id is a UUIDv7
/// of the last day (or up to max_future ahead): the id's time. A retry of such an event (the same id, again without
/// occurred_at, after a 503 that could not say whether it was stored) is then the same (tenant, occurred_at, id)
/// and stored once, where a second time of receipt would have stored it twice.
TimeUs DefaultOccurredAt(const std::string& id, const EventContext& context) {
    constexpr TimeUs kDayUs = 86'400'000'000;
    const std::optional<TimeUs> id_time = UuidV7Time(id);
    if (id_time && *id_time >= context.now - kDayUs && *id_time <= context.now + context.limits.max_future_us) {
        return *id_time;
    }
    return context.now;
}

// occurred_at: RFC 3339 or Unix seconds; empty when invalid (already reported).
std::optional<TimeUs> ReadOccurredAt(simdjson::dom::element value, const EventContext& context, ErrorSink& sink) {
    TimeUs time = 0;
    if (value.is_string()) {
        std::optional<TimeUs> parsed = ParseRfc3339(AsString(value));
        if (!parsed) {
            sink.Add("occurred_at", "not an RFC 3339 timestamp");
            return std::nullopt;
        }
        time = *parsed;
    } else if (value.is_number()) {
        time = SecondsToUs(value);
    } else {
        sink.Add("occurred_at", "must be an RFC 3339 timestamp or a number of Unix seconds");
        return std::nullopt;
    }
    if (time > context.now + context.limits.max_future_us) {
        sink.Add("occurred_at",
                 "is more than " + std::to_string(context.limits.max_future_us / 1'000'000) + " s in the future");
        return std::nullopt;
    }
    const TimeUs oldest = MonthStart(context.now, -context.limits.retention_months);
    if (time < oldest) {
        sink.Add("occurred_at", "is older than the retention window (starts " + FormatRfc3339(oldest) + ")");
        return std::nullopt;
    }
    return time;
}

}  // namespace

bool ValidateEvent(simdjson::dom::element element, const EventContext& context, Event& event,
                   std::vector<FieldError>& errors) {
    ErrorSink sink(context.index, errors);
    if (!element.is_object()) {
        sink.Add("", "an event must be a JSON object");
        return false;
    }

    bool has_action = false;
    bool has_occurred_at = false;
    std::optional<TimeUs> occurred_at;
    std::optional<simdjson::dom::element> data;
    bool has_data = false;
    bool customer_id_reported = false;

    for (auto [key, value] : AsObject(element)) {
        if (key == "action") {
            if (IsNull(value)) continue;
            has_action = true;
            std::optional<std::string_view> action = ReadString(value, "action", 1, kMaxActionBytes, sink);
            if (!action) continue;
            if (!std::all_of(action->begin(), action->end(), IsActionChar)) {
                sink.Add("action", "must contain only A-Z, a-z, 0-9 and _ . : -");
                continue;
            }
            event.action.assign(*action);
        } else if (key == "id") {
            if (IsNull(value)) continue;
            if (std::optional<std::string_view> text = ReadString(value, "id", 0, kUnbounded, sink)) {
                if (std::optional<std::string> id = CanonicalUuid(*text)) {
                    event.id = std::move(*id);
                } else {
                    sink.Add("id", "not a UUID");
                }
            }
        } else if (key == "occurred_at") {
            if (IsNull(value)) continue;
            has_occurred_at = true;
            occurred_at = ReadOccurredAt(value, context, sink);
        } else if (key == "category") {
            if (IsNull(value)) continue;
            if (auto category = ReadString(value, "category", 1, kMaxCategoryBytes, sink)) {
                event.category.assign(*category);
            }
        } else if (key == "outcome") {
            if (IsNull(value)) continue;
            if (auto outcome = ReadEnum(value, "outcome", {"success", "failure", "unknown"},
                                        "must be success, failure or unknown", sink)) {
                event.outcome.assign(*outcome);
            }
        } else if (key == "actor") {
            ReadActor(value, event, sink);
        } else if (key == "customer_id") {
            if (IsNull(value)) continue;
            event.customer_id = ReadInteger(value, "customer_id", 0, sink);
            customer_id_reported = !event.customer_id;
        } else if (key == "store_id") {
            if (IsNull(value)) continue;
            event.store_id = ReadInteger(value, "store_id", 0, sink);
        } else if (key == "resource") {
            ReadResource(value, event, sink);
        } else if (key == "message") {
            ReadOptionalString(value, "message", kMaxMessageBytes, event.message, sink);
        } else if (key == "data") {
            if (IsNull(value)) continue;
            has_data = true;
            if (!value.is_object()) {
                sink.Add("data", "must be a JSON object");
                continue;
            }
            data = value;
        } else {
            sink.Add(std::string(key), "unknown field");
        }
    }

    if (!has_action) sink.Add("action", "is required");
    if (!has_occurred_at) occurred_at = DefaultOccurredAt(event.id, context);
    if (data) {
        std::string& compact = event.data.emplace();
        AppendCompactJson(*data, compact);
        if (compact.size() > context.limits.max_data_bytes) {
            sink.Add("data", "must be at most " + std::to_string(context.limits.max_data_bytes) + " bytes of JSON");
        }
    }
    if (IsCustomerActivity(event.action)) {
        if (!event.customer_id && !customer_id_reported) {
            sink.Add("customer_id", "is required for action " + event.action);
        }
        // Data that is present but not an object was reported above; its typed fields are not checked.
        TypedData& typed = event.typed.emplace();
        if (data) {
            ValidateTypedData(event.action, AsObject(*data), occurred_at, sink, typed);
        } else if (!has_data) {
            ValidateTypedData(event.action, std::nullopt, occurred_at, sink, typed);
        }
    }

    if (sink.failed()) return false;
    event.occurred_at = *occurred_at;
    if (event.id.empty()) event.id = NewUuidV7(context.now);
    return true;
}

}  // namespace auditrail::events::detail
