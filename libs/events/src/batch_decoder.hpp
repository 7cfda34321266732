#pragma once

#include <simdjson.h>

#include <auditrail/events/decode.hpp>
#include <cstddef>
#include <string>

namespace auditrail::events::detail {

/// Collects the events of one request, or its errors; shared by the JSON and NDJSON decoders.
class BatchDecoder {
  public:
    /// `single_event`: the body was one bare event object (words the details without an index).
    BatchDecoder(TimeUs now, const DecodeLimits& limits, std::size_t expected_events, bool single_event);

    /// Checks the event at `index` for invalid_json problems, then validates it. Returns false once the
    /// request is invalid_json: nothing further needs looking at.
    bool Add(simdjson::dom::element element, std::size_t index);

    /// The request is invalid_json; `detail` is the problem+json sentence.
    void FailJson(FieldError error, std::string detail);

    /// A problem beside the events (e.g. an unknown key next to "events").
    void AddBatchError(std::string field, std::string message);

    /// The outcome: kOk with every event, or the errors and no event.
    DecodeResult Finish() &&;

  private:
    TimeUs now_;
    const DecodeLimits& limits_;
    bool single_event_;
    DecodeResult result_;
    std::size_t event_count_ = 0;
    std::size_t invalid_events_ = 0;
    bool batch_invalid_ = false;
};

/// `{"events": []}` or an NDJSON body without a line.
DecodeResult EmptyBatch();

/// More events than limits.max_events.
DecodeResult TooManyEvents(std::size_t count, std::size_t max_events);

}  // namespace auditrail::events::detail
