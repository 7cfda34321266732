#pragma once

#include <auditrail/events/decode.hpp>
#include <auditrail/events/time.hpp>
#include <catch2/catch.hpp>
#include <sstream>
#include <string>
#include <string_view>

namespace auditrail::events::testing {

/// The time of receipt every decode test uses.
inline const TimeUs kNow = *ParseRfc3339("2026-11-23T10:30:00Z");

/// `{"action":"user.login", <fields>}`; `fields` may be empty.
inline std::string EventWith(std::string_view fields) {
    std::string body = R"({"action":"user.login")";
    if (!fields.empty()) {
        body += ',';
        body += fields;
    }
    body += '}';
    return body;
}

inline std::string Repeat(std::string_view text, std::size_t count) {
    std::string out;
    for (std::size_t i = 0; i < count; ++i) out += text;
    return out;
}

/// `levels` nested objects: {"a":{"a":{}}} for 3 levels.
inline std::string NestedObjects(std::size_t levels) {
    return Repeat(R"({"a":)", levels - 1) + "{}" + Repeat("}", levels - 1);
}

inline std::string_view StatusName(DecodeStatus status) {
    switch (status) {
        case DecodeStatus::kOk:
            return "ok";
        case DecodeStatus::kInvalidJson:
            return "invalid_json";
        case DecodeStatus::kValidationFailed:
            return "validation_failed";
        case DecodeStatus::kTooManyEvents:
            return "too_many_events";
        case DecodeStatus::kInvalidProtobuf:
            return "invalid_protobuf";
    }
    return "?";
}

/// The whole result as text, for failure messages.
inline std::string Describe(const DecodeResult& result) {
    std::ostringstream out;
    out << StatusName(result.status) << " (" << result.detail << "), " << result.events.size() << " events";
    for (const FieldError& error : result.errors) {
        out << "\n  [" << error.index << "] " << error.field << ": " << error.message;
    }
    return out.str();
}

/// Whether `result` holds an error for `index` and `field` whose message contains `message`.
inline bool HasError(const DecodeResult& result, std::size_t index, std::string_view field, std::string_view message) {
    for (const FieldError& error : result.errors) {
        if (error.index == index && error.field == field && error.message.find(message) != std::string::npos) {
            return true;
        }
    }
    return false;
}

}  // namespace auditrail::events::testing
