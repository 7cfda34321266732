#include "batch_decoder.hpp"

#include "json_check.hpp"
#include "validate.hpp"

namespace auditrail::events::detail {

BatchDecoder::BatchDecoder(TimeUs now, const DecodeLimits& limits, std::size_t expected_events, bool single_event)
    : now_(now), limits_(limits), single_event_(single_event) {
    result_.events.reserve(expected_events);
}

bool BatchDecoder::Add(simdjson::dom::element element, std::size_t index) {
    if (result_.status == DecodeStatus::kInvalidJson) return false;
    ++event_count_;
    if (std::optional<JsonProblem> problem = CheckStructure(element, 1, limits_.max_depth)) {
        std::string detail = problem->message;
        if (!problem->field.empty()) detail += " at " + problem->field;
        if (!single_event_) detail += " in event " + std::to_string(index);
        FailJson(FieldError{index, std::move(problem->field), std::move(problem->message)}, std::move(detail));
        return false;
    }
    // Once anything failed the batch is refused whole: keep validating for errors, but drop the events.
    const bool keep = result_.errors.empty();
    Event scratch;
    Event& event = keep ? result_.events.emplace_back() : scratch;
    if (!ValidateEvent(element, EventContext{index, now_, limits_}, event, result_.errors)) {
        ++invalid_events_;
        if (keep) result_.events.pop_back();
    }
    return true;
}

void BatchDecoder::FailJson(FieldError error, std::string detail) {
    result_.status = DecodeStatus::kInvalidJson;
    result_.events.clear();
    result_.errors.clear();
    result_.errors.push_back(std::move(error));
    result_.detail = std::move(detail);
}

void BatchDecoder::AddBatchError(std::string field, std::string message) {
    batch_invalid_ = true;
    result_.errors.push_back(FieldError{0, std::move(field), std::move(message)});
}

DecodeResult BatchDecoder::Finish() && {
    if (result_.status == DecodeStatus::kInvalidJson) return std::move(result_);
    if (!result_.errors.empty()) {
        result_.status = DecodeStatus::kValidationFailed;
        result_.events.clear();
        if (batch_invalid_) {
            result_.detail = "the batch is invalid";
        } else if (single_event_) {
            result_.detail = "the event is invalid";
        } else {
            result_.detail = std::to_string(invalid_events_) + " of " + std::to_string(event_count_) +
                             (invalid_events_ == 1 ? " events is invalid" : " events are invalid");
        }
    }
    return std::move(result_);
}

DecodeResult EmptyBatch() {
    DecodeResult result;
    result.status = DecodeStatus::kValidationFailed;
    result.detail = "the batch is empty";
    return result;
}

DecodeResult TooManyEvents(std::size_t count, std::size_t max_events) {
    DecodeResult result;
    result.status = DecodeStatus::kTooManyEvents;
    result.detail =
        "the batch has " + std::to_string(count) + " events; at most " + std::to_string(max_events) + " are allowed";
    return result;
}

}  // namespace auditrail::events::detail
