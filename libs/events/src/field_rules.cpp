#include "field_rules.hpp"

#include <algorithm>
#include <auditrail/events/time.hpp>

#include "dom.hpp"

namespace auditrail::events::detail {

void ErrorSink::Add(std::string field, std::string message) {
    errors_.push_back(FieldError{index_, std::move(field), std::move(message)});
    failed_ = true;
}

std::optional<std::string_view> ReadString(simdjson::dom::element element, std::string_view field,
                                           std::size_t min_bytes, std::size_t max_bytes, ErrorSink& sink) {
    if (!element.is_string()) {
        sink.Add(std::string(field), "must be a string");
        return std::nullopt;
    }
    const std::string_view text = AsString(element);
    if (text.size() < min_bytes) {
        sink.Add(std::string(field), min_bytes == 1 ? "must not be empty"
                                                    : "must be at least " + std::to_string(min_bytes) + " bytes long");
        return std::nullopt;
    }
    if (text.size() > max_bytes) {
        sink.Add(std::string(field), "must be at most " + std::to_string(max_bytes) + " bytes long");
        return std::nullopt;
    }
    return text;
}

std::optional<std::int64_t> ReadInteger(simdjson::dom::element element, std::string_view field, std::int64_t min_value,
                                        ErrorSink& sink, std::int64_t max_value) {
    switch (element.type()) {
        case simdjson::dom::element_type::INT64: {
            const std::int64_t value = As<std::int64_t>(element);
            if (value < min_value) {
                sink.Add(std::string(field), "must be at least " + std::to_string(min_value));
                return std::nullopt;
            }
            if (value > max_value) {
                sink.Add(std::string(field), "must be at most " + std::to_string(max_value));
                return std::nullopt;
            }
            return value;
        }
        case simdjson::dom::element_type::UINT64:  // simdjson uses it only above INT64_MAX
            sink.Add(std::string(field), "must fit in a signed 64-bit integer");
            return std::nullopt;
        default:
            sink.Add(std::string(field), "must be an integer");
            return std::nullopt;
    }
}

std::optional<double> ReadPositiveNumber(simdjson::dom::element element, std::string_view field, ErrorSink& sink) {
    double value = 0;
    switch (element.type()) {
        case simdjson::dom::element_type::INT64:
            value = static_cast<double>(As<std::int64_t>(element));
            break;
        case simdjson::dom::element_type::UINT64:
            value = static_cast<double>(As<std::uint64_t>(element));
            break;
        case simdjson::dom::element_type::DOUBLE:
            value = As<double>(element);
            break;
        default:
            sink.Add(std::string(field), "must be a number");
            return std::nullopt;
    }
    if (!(value > 0)) {
        sink.Add(std::string(field), "must be greater than 0");
        return std::nullopt;
    }
    return value;
}

std::optional<TimeUs> ReadTimestamp(simdjson::dom::element element, std::string_view field, ErrorSink& sink) {
    if (!element.is_string()) {
        sink.Add(std::string(field), "must be an RFC 3339 timestamp string");
        return std::nullopt;
    }
    std::optional<TimeUs> time = ParseRfc3339(AsString(element));
    if (!time) sink.Add(std::string(field), "not an RFC 3339 timestamp");
    return time;
}

std::optional<std::string_view> ReadEnum(simdjson::dom::element element, std::string_view field,
                                         std::initializer_list<std::string_view> allowed, std::string_view message,
                                         ErrorSink& sink) {
    if (element.is_string()) {
        const std::string_view text = AsString(element);
        if (std::find(allowed.begin(), allowed.end(), text) != allowed.end()) return text;
    }
    sink.Add(std::string(field), std::string(message));
    return std::nullopt;
}

}  // namespace auditrail::events::detail
