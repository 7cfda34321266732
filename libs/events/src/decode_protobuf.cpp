// application/x-protobuf: an EventBatch (proto-schemas/auditrail/v1/events.proto). Each event is turned
// into the JSON object it stands for and checked by the same validator as JSON bodies, so that the rules
// (and the error paths clients see) cannot drift apart between formats.
#include <auditrail/common/json.hpp>
#include <auditrail/events/decode.hpp>

#include <auditrail/common/log.hpp>
#include <google/protobuf/stubs/logging.h>

#include "auditrail/v1/events.pb.h"
#include "batch_decoder.hpp"
#include "parse.hpp"

namespace auditrail::events {
namespace {

void AddString(std::string& json, bool& first, std::string_view key, const std::string& value) {
    json += first ? "" : ",";
    first = false;
    common::AppendJsonString(json, key);
    json.push_back(':');
    common::AppendJsonString(json, value);
}

void AddRaw(std::string& json, bool& first, std::string_view key, std::string_view raw) {
    json += first ? "" : ",";
    first = false;
    common::AppendJsonString(json, key);
    json.push_back(':');
    json += raw;
}

/// Proto3 strings are empty when absent: only non-empty ones are carried over.
std::string ToJson(const v1::Event& event) {
    std::string json = "{";
    bool first = true;
    if (!event.id().empty()) AddString(json, first, "id", event.id());
    if (!event.occurred_at().empty()) AddString(json, first, "occurred_at", event.occurred_at());
    if (!event.category().empty()) AddString(json, first, "category", event.category());
    if (!event.action().empty()) AddString(json, first, "action", event.action());
    if (!event.outcome().empty()) AddString(json, first, "outcome", event.outcome());
    if (event.has_actor()) {
        const auto& actor = event.actor();
        std::string object = "{";
        bool inner_first = true;
        if (!actor.id().empty()) AddString(object, inner_first, "id", actor.id());
        if (!actor.type().empty()) AddString(object, inner_first, "type", actor.type());
        if (!actor.name().empty()) AddString(object, inner_first, "name", actor.name());
        if (!actor.ip().empty()) AddString(object, inner_first, "ip", actor.ip());
        if (!actor.user_agent().empty()) AddString(object, inner_first, "user_agent", actor.user_agent());
        AddRaw(json, first, "actor", object + "}");
    }
    if (event.has_customer_id()) AddRaw(json, first, "customer_id", std::to_string(event.customer_id()));
    if (event.has_store_id()) AddRaw(json, first, "store_id", std::to_string(event.store_id()));
    if (event.has_resource()) {
        std::string object = "{";
        bool inner_first = true;
        if (!event.resource().type().empty()) AddString(object, inner_first, "type", event.resource().type());
        if (!event.resource().id().empty()) AddString(object, inner_first, "id", event.resource().id());
        AddRaw(json, first, "resource", object + "}");
    }
    if (event.has_message()) AddString(json, first, "message", event.message());
    if (event.has_data_json()) AddRaw(json, first, "data", event.data_json());
    json.push_back('}');
    return json;
}

/// Where `batch` holds a field that auditrail.v1 does not define (a typo'd number, a newer schema's field), with its
/// number; "" when it holds none. API.md refuses unknown fields so that nothing sent is silently dropped.
std::string UnknownField(const v1::EventBatch& batch) {
    const auto unknown = [](const google::protobuf::Message& message) -> int {
        const auto& fields = message.GetReflection()->GetUnknownFields(message);
        return fields.empty() ? 0 : fields.field(0).number();
    };
    if (const int number = unknown(batch)) return "the EventBatch has field " + std::to_string(number);
    for (int index = 0; index < batch.events_size(); ++index) {
        const v1::Event& event = batch.events(index);
        const std::string where = "event " + std::to_string(index);
        if (const int number = unknown(event)) return where + " has field " + std::to_string(number);
        if (event.has_actor()) {
            if (const int number = unknown(event.actor())) {
                return where + "'s actor has field " + std::to_string(number);
            }
        }
        if (event.has_resource()) {
            if (const int number = unknown(event.resource())) {
                return where + "'s resource has field " + std::to_string(number);
            }
        }
    }
    return {};
}

DecodeResult InvalidProtobuf(std::string detail) {
    DecodeResult result;
    result.status = DecodeStatus::kInvalidProtobuf;
    result.detail = std::move(detail);
    return result;
}

}  // namespace

DecodeResult DecodeProtobuf(std::string_view body, TimeUs now, const DecodeLimits& limits) {
    v1::EventBatch batch;
    if (body.size() > static_cast<std::size_t>(INT32_MAX) ||
        !batch.ParseFromArray(body.data(), static_cast<int>(body.size()))) {
        return InvalidProtobuf("the body is not an auditrail.v1.EventBatch message");
    }
    if (const std::string unknown = UnknownField(batch); !unknown.empty()) {
        return InvalidProtobuf(unknown + ", which auditrail.v1 does not define");
    }
    const auto count = static_cast<std::size_t>(batch.events_size());
    if (count > limits.max_events) return detail::TooManyEvents(count, limits.max_events);
    if (count == 0) return detail::EmptyBatch();
    detail::BatchDecoder decoder(now, limits, count, false);
    for (std::size_t index = 0; index < count; ++index) {
        const v1::Event& event = batch.events(static_cast<int>(index));
        simdjson::dom::element element;
        // data_json is pasted into the event's JSON as it is, so it must be one JSON value on its own: text such
        // as `{}, "occurred_at": …` would otherwise set the event's own fields.
        simdjson::error_code error = event.has_data_json() ? detail::ParseDocument(event.data_json(), element)
                                                           : simdjson::SUCCESS;
        const std::string json = error ? std::string() : ToJson(event);
        if (error || (error = detail::ParseDocument(json, element))) {
            const std::string problem = detail::DescribeParseError(error);
            decoder.FailJson(FieldError{index, "data", "data_json is not a JSON object: " + problem},
                             "event " + std::to_string(index) + " has data_json that is not valid JSON");
            break;
        }
        if (!decoder.Add(element, index)) break;
    }
    return std::move(decoder).Finish();
}

void RouteProtobufLogs() {
    google::protobuf::SetLogHandler([](google::protobuf::LogLevel level, const char* file, int line,
                                       const std::string& message) {
        if (level < google::protobuf::LOGLEVEL_FATAL) return;
        common::LogError("libprotobuf failed", {{"file", file}, {"line", std::to_string(line)}, {"error", message}});
    });
}

}  // namespace auditrail::events
