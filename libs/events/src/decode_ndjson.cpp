#include <auditrail/events/decode.hpp>
#include <vector>

#include "batch_decoder.hpp"
#include "parse.hpp"

namespace auditrail::events {
namespace {

struct Line {
    std::string_view text;
    std::size_t number = 0;  ///< 1-based line number in the body, for the detail sentence
};

bool IsBlank(std::string_view line) { return line.find_first_not_of(" \t\r") == std::string_view::npos; }

// Splits on '\n' (a trailing '\r' is JSON whitespace) and drops blank lines.
std::vector<Line> NonBlankLines(std::string_view body) {
    std::vector<Line> lines;
    std::size_t number = 0;
    while (!body.empty()) {
        const std::size_t end = body.find('\n');
        const std::string_view line = body.substr(0, end);
        ++number;
        if (!IsBlank(line)) lines.push_back(Line{line, number});
        if (end == std::string_view::npos) break;
        body.remove_prefix(end + 1);
    }
    return lines;
}

}  // namespace

DecodeResult DecodeNdjson(std::string_view body, TimeUs now, const DecodeLimits& limits) {
    const std::vector<Line> lines = NonBlankLines(body);
    if (lines.empty()) return detail::EmptyBatch();
    if (lines.size() > limits.max_events) return detail::TooManyEvents(lines.size(), limits.max_events);

    detail::BatchDecoder decoder(now, limits, lines.size(), false);
    for (std::size_t index = 0; index < lines.size(); ++index) {
        simdjson::dom::element root;
        if (simdjson::error_code error = detail::ParseDocument(lines[index].text, root)) {
            const std::string problem = detail::DescribeParseError(error);
            decoder.FailJson(FieldError{index, "", problem},
                             "line " + std::to_string(lines[index].number) + " is not valid JSON: " + problem);
            break;
        }
        if (!decoder.Add(root, index)) break;
    }
    return std::move(decoder).Finish();
}

}  // namespace auditrail::events
