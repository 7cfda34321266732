#pragma once

#include <auditrail/events/event.hpp>
#include <auditrail/events/field_error.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace auditrail::events {

/// Limits from API.md §2; all configurable.
struct DecodeLimits {
    std::size_t max_events = 1000;          ///< events per request (more: kTooManyEvents → 413)
    std::size_t max_data_bytes = 32 * 1024;  ///< compact JSON bytes of one event's `data`
    std::size_t max_depth = 32;              ///< nesting depth, counted from the event object (the event is depth 1)
    int retention_months = 12;               ///< occurred_at before the start of the month this many months back is refused
    TimeUs max_future_us = 5LL * 60 * 1000 * 1000;  ///< occurred_at further ahead than this is refused
};

enum class DecodeStatus {
    kOk,
    kInvalidJson,       ///< 400 invalid_json: not JSON, bad UTF-8, NUL, duplicate key, too deep
    kValidationFailed,  ///< 400 validation_failed: see errors (also an empty batch)
    kTooManyEvents,     ///< 413 payload_too_large
    kInvalidProtobuf,   ///< 400 invalid_protobuf: not an EventBatch message
};

struct DecodeResult {
    DecodeStatus status = DecodeStatus::kOk;
    std::vector<Event> events;        ///< all of them when kOk, none otherwise (a batch is atomic)
    std::vector<FieldError> errors;   ///< every problem found, in input order
    std::string detail;               ///< one sentence for problem+json `detail`, e.g. "2 of 3 events are invalid"
};

/// `application/json`: one event object, or {"events": [event, ...]}.
/// `now` is the time of receipt: the default occurred_at and the seed of generated UUIDv7 ids.
DecodeResult DecodeJson(std::string_view body, TimeUs now, const DecodeLimits& limits);

/// `application/x-ndjson`: one event object per line; blank lines are skipped and do not count as an index.
DecodeResult DecodeNdjson(std::string_view body, TimeUs now, const DecodeLimits& limits);

/// `application/x-protobuf`: an auditrail.v1.EventBatch (proto-schemas/auditrail/v1/events.proto). Each event
/// is validated by the same rules as JSON; `data_json` carries the `data` object as JSON text.
DecodeResult DecodeProtobuf(std::string_view body, TimeUs now, const DecodeLimits& limits);

/// libprotobuf writes its own lines to stderr, e.g. for a string field that is not UTF-8: a client's bad body,
/// already answered 400 invalid_protobuf. Call once at start-up, before any thread decodes: those messages are
/// dropped, and a fatal one goes to the JSON log, so that the log stays one JSON object a line.
void RouteProtobufLogs();

}  // namespace auditrail::events
