#pragma once

#include <simdjson.h>

#include <auditrail/events/event.hpp>
#include <auditrail/events/field_error.hpp>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace auditrail::events::detail {

/// Collects the errors of one event into the batch's list.
class ErrorSink {
  public:
    ErrorSink(std::size_t index, std::vector<FieldError>& errors) : index_(index), errors_(errors) {}

    void Add(std::string field, std::string message);
    bool failed() const { return failed_; }

  private:
    std::size_t index_;
    std::vector<FieldError>& errors_;
    bool failed_ = false;
};

/// A JSON null stands for an absent optional field: clients that serialise every member of a struct
/// send `"message": null`, and refusing that would help nobody.
inline bool IsNull(simdjson::dom::element element) { return element.is_null(); }

/// A string of `min_bytes`–`max_bytes` UTF-8 bytes; anything else is reported and yields nothing.
std::optional<std::string_view> ReadString(simdjson::dom::element element, std::string_view field,
                                           std::size_t min_bytes, std::size_t max_bytes, ErrorSink& sink);

/// An integer written as an integer (not 5.0, not "5") from `min_value` to `max_value`.
std::optional<std::int64_t> ReadInteger(simdjson::dom::element element, std::string_view field, std::int64_t min_value,
                                        ErrorSink& sink,
                                        std::int64_t max_value = std::numeric_limits<std::int64_t>::max());

/// Any JSON number strictly greater than 0.
std::optional<double> ReadPositiveNumber(simdjson::dom::element element, std::string_view field, ErrorSink& sink);

/// An RFC 3339 date-time string with an offset.
std::optional<TimeUs> ReadTimestamp(simdjson::dom::element element, std::string_view field, ErrorSink& sink);

/// One of `allowed` (a string); `message` is reported otherwise.
std::optional<std::string_view> ReadEnum(simdjson::dom::element element, std::string_view field,
                                         std::initializer_list<std::string_view> allowed, std::string_view message,
                                         ErrorSink& sink);

}  // namespace auditrail::events::detail
