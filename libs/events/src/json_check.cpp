#include "json_check.hpp"

#include <algorithm>
#include <vector>

#include "dom.hpp"

namespace auditrail::events::detail {
namespace {

// Objects up to this many keys are checked pairwise; larger ones are sorted.
constexpr std::size_t kPairwiseKeyLimit = 16;

bool HasNul(std::string_view text) { return text.find('\0') != std::string_view::npos; }

bool Walk(simdjson::dom::element element, std::size_t depth, std::size_t max_depth, JsonProblem& problem);

bool WalkObject(simdjson::dom::object object, std::size_t depth, std::size_t max_depth, JsonProblem& problem) {
    if (std::optional<JsonProblem> key_problem = CheckKeys(object)) {
        problem = std::move(*key_problem);
        return false;
    }
    for (auto [key, value] : object) {
        if (!Walk(value, depth + 1, max_depth, problem)) {
            PrependKey(problem.field, key);
            return false;
        }
    }
    return true;
}

bool Walk(simdjson::dom::element element, std::size_t depth, std::size_t max_depth, JsonProblem& problem) {
    switch (element.type()) {
        case simdjson::dom::element_type::OBJECT:
            if (depth > max_depth) {
                problem.message = "nesting deeper than " + std::to_string(max_depth) + " levels";
                return false;
            }
            return WalkObject(AsObject(element), depth, max_depth, problem);
        case simdjson::dom::element_type::ARRAY: {
            if (depth > max_depth) {
                problem.message = "nesting deeper than " + std::to_string(max_depth) + " levels";
                return false;
            }
            std::size_t index = 0;
            for (simdjson::dom::element child : AsArray(element)) {
                if (!Walk(child, depth + 1, max_depth, problem)) {
                    PrependIndex(problem.field, index);
                    return false;
                }
                ++index;
            }
            return true;
        }
        case simdjson::dom::element_type::STRING:
            if (HasNul(AsString(element))) {
                problem.message = "a string contains a NUL character";
                return false;
            }
            return true;
        default:
            return true;
    }
}

}  // namespace

void PrependKey(std::string& path, std::string_view key) {
    std::string joined(key);
    if (!path.empty() && path.front() != '[') joined += '.';
    path = joined + path;
}

void PrependIndex(std::string& path, std::size_t index) {
    std::string joined = "[";
    joined += std::to_string(index);
    joined += ']';
    if (!path.empty() && path.front() != '[') joined += '.';
    path = joined + path;
}

std::optional<JsonProblem> CheckKeys(simdjson::dom::object object) {
    std::string_view small[kPairwiseKeyLimit];
    std::size_t count = 0;
    std::vector<std::string_view> large;
    for (auto [key, value] : object) {
        if (HasNul(key)) return JsonProblem{std::string(key), "a key contains a NUL character"};
        if (count < kPairwiseKeyLimit) {
            for (std::size_t i = 0; i < count; ++i) {
                // Size and first byte first: they tell most keys apart without a call to memcmp.
                if (small[i].size() == key.size() && (key.empty() || small[i][0] == key[0]) && small[i] == key) {
                    return JsonProblem{std::string(key), "duplicate key"};
                }
            }
            small[count++] = key;
        } else {
            if (large.empty()) large.assign(small, small + count);
            large.push_back(key);
        }
    }
    if (!large.empty()) {
        std::sort(large.begin(), large.end());
        auto duplicate = std::adjacent_find(large.begin(), large.end());
        if (duplicate != large.end()) return JsonProblem{std::string(*duplicate), "duplicate key"};
    }
    return std::nullopt;
}

std::optional<JsonProblem> CheckStructure(simdjson::dom::element element, std::size_t depth, std::size_t max_depth) {
    JsonProblem problem;
    if (Walk(element, depth, max_depth, problem)) return std::nullopt;
    return problem;
}

}  // namespace auditrail::events::detail
