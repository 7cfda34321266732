#include "health_parameters.hpp"

#include <charconv>
#include <set>
#include <string>

#include "parameters.hpp"

namespace auditrail::query {
namespace {

int ParseBounded(std::string_view name, std::string_view text, int low, int high) {
    int value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc() || end != text.data() + text.size() || value < low || value > high) {
        throw InvalidParameter(name, "must be an integer from " + std::to_string(low) + " to " + std::to_string(high));
    }
    return value;
}

}  // namespace

std::optional<events::TimeUs> ParseAsOf(std::string_view text) {
    const auto time = events::ParseRfc3339(text);
    if (!time || *time < 0) return std::nullopt;
    return time;
}

HealthParameters ParseHealthParameters(std::string_view query, bool at_risk) {
    HealthParameters parameters;
    parameters.as_of = events::NowUs();
    std::set<std::string> seen;
    for (const auto& [name, value] : ParseParameters(query)) {
        if (name == "access_token") continue;
        if (!seen.insert(name).second) throw InvalidParameter(name, "is given more than once");
        if (name == "as_of") {
            const auto time = ParseAsOf(value);
            if (!time) throw InvalidParameter(name, std::string(kAsOfRule));
            parameters.as_of = *time;
            parameters.as_of_given = true;
        } else if (at_risk && name == "limit") {
            parameters.limit = ParseBounded(name, value, 1, 1000);
        } else if (at_risk && name == "threshold") {
            parameters.threshold = ParseBounded(name, value, 0, 100);
        } else {
            throw InvalidParameter(name, "is not a parameter of this route");
        }
    }
    return parameters;
}

std::optional<std::int64_t> ParseCustomerId(std::string_view text) {
    std::int64_t id = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), id);
    if (error != std::errc() || end != text.data() + text.size() || id < 0) return std::nullopt;
    return id;
}

}  // namespace auditrail::query
