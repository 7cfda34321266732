#include <auditrail/events/decode.hpp>

#include "batch_decoder.hpp"
#include "dom.hpp"
#include "json_check.hpp"
#include "parse.hpp"

namespace auditrail::events {
namespace {

constexpr std::string_view kEventsKey = "events";

bool IsBatch(simdjson::dom::element root) {
    if (!root.is_object()) return false;
    simdjson::dom::element events;
    return detail::AsObject(root).at_key(kEventsKey).get(events) == simdjson::SUCCESS;
}

DecodeResult InvalidJson(FieldError error, std::string detail) {
    DecodeResult result;
    result.status = DecodeStatus::kInvalidJson;
    result.errors.push_back(std::move(error));
    result.detail = std::move(detail);
    return result;
}

// {"events": [...]}: the wrapper's own keys and any value beside "events" are checked as JSON first, then
// every event; a key other than "events" is a validation error named by that key.
DecodeResult DecodeBatch(simdjson::dom::object wrapper, TimeUs now, const DecodeLimits& limits) {
    if (std::optional<detail::JsonProblem> problem = detail::CheckKeys(wrapper)) {
        std::string detail = problem->message + " at " + problem->field;
        return InvalidJson(FieldError{0, std::move(problem->field), std::move(problem->message)}, std::move(detail));
    }
    simdjson::dom::element events;
    for (auto [key, value] : wrapper) {
        if (key == kEventsKey) {
            events = value;
        } else if (std::optional<detail::JsonProblem> problem = detail::CheckStructure(value, 1, limits.max_depth)) {
            detail::PrependKey(problem->field, key);
            std::string detail = problem->message + " at " + problem->field;
            return InvalidJson(FieldError{0, std::move(problem->field), std::move(problem->message)},
                               std::move(detail));
        }
    }

    const std::size_t count = events.is_array() ? detail::AsArray(events).size() : 0;
    if (count > limits.max_events) return detail::TooManyEvents(count, limits.max_events);

    detail::BatchDecoder decoder(now, limits, count, false);
    for (auto [key, value] : wrapper) {
        if (key != kEventsKey) decoder.AddBatchError(std::string(key), "unknown field");
    }
    if (!events.is_array()) {
        decoder.AddBatchError("events", "must be an array of event objects");
        return std::move(decoder).Finish();
    }
    if (count == 0) {
        DecodeResult empty = detail::EmptyBatch();
        empty.errors = std::move(decoder).Finish().errors;  // an unknown field beside the empty list is still named
        return empty;
    }
    std::size_t index = 0;
    for (simdjson::dom::element event : detail::AsArray(events)) {
        if (!decoder.Add(event, index++)) break;
    }
    return std::move(decoder).Finish();
}

}  // namespace

DecodeResult DecodeJson(std::string_view body, TimeUs now, const DecodeLimits& limits) {
    simdjson::dom::element root;
    if (simdjson::error_code error = detail::ParseDocument(body, root)) {
        return InvalidJson(FieldError{0, "", detail::DescribeParseError(error)},
                           "the body is not valid JSON: " + detail::DescribeParseError(error));
    }
    if (IsBatch(root)) return DecodeBatch(detail::AsObject(root), now, limits);

    detail::BatchDecoder decoder(now, limits, 1, true);
    decoder.Add(root, 0);
    return std::move(decoder).Finish();
}

}  // namespace auditrail::events
