#include "parse.hpp"

#include <cstring>

namespace auditrail::events::detail {

simdjson::error_code ParseDocument(std::string_view text, simdjson::dom::element& root) {
    thread_local simdjson::dom::parser parser;
    thread_local std::string padded;
    // simdjson reads up to SIMDJSON_PADDING bytes past the end; a reused buffer avoids an allocation per call.
    if (padded.size() < text.size() + simdjson::SIMDJSON_PADDING) {
        padded.resize(text.size() + simdjson::SIMDJSON_PADDING);
    }
    if (!text.empty()) std::memcpy(padded.data(), text.data(), text.size());
    return parser.parse(padded.data(), text.size(), false).get(root);
}

std::string DescribeParseError(simdjson::error_code error) {
    switch (error) {
        case simdjson::EMPTY:
            return "no JSON value";
        case simdjson::UTF8_ERROR:
            return "not valid UTF-8";
        case simdjson::STRING_ERROR:
            return "a string has a bad escape or a lone surrogate";
        case simdjson::UNESCAPED_CHARS:
            return "a string holds an unescaped control character";
        case simdjson::NUMBER_ERROR:
            return "a number is malformed or outside the 64-bit range";
        case simdjson::DEPTH_ERROR:
            return "nesting is too deep";
        case simdjson::CAPACITY:
            return "the document is too large";
        default:
            return std::string("malformed JSON (") + simdjson::error_message(error) + ")";
    }
}

}  // namespace auditrail::events::detail
