#pragma once

#include <auditrail/health/measure.hpp>
#include <auditrail/health/state.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace auditrail::health {

/// One input of a component, named as in API.md §4 (`active_days`, `on_time`, `load`, …).
struct NamedInput {
    std::string name;
    double value = 0;  ///< a whole number for every input except `load`
};

/// One of the four weighted sub-scores.
struct Component {
    std::string name;                ///< engagement, billing, support or adoption
    double weight = 0;               ///< from HealthSettings
    double score = 0;                ///< unrounded, clamped to 0–100
    std::vector<NamedInput> inputs;  ///< in the order HEALTH.md lists them
    std::string explanation;         ///< one sentence naming the numbers
};

enum class Severity { kInfo, kWarning, kCritical };
std::string_view SeverityName(Severity severity);  ///< info, warning, critical

struct Signal {
    std::string code;  ///< e.g. login_drop
    Severity severity = Severity::kWarning;
    std::string message;  ///< one sentence naming the numbers
};

enum class Band { kHealthy, kWatch, kAtRisk };
std::string_view BandName(Band band);  ///< healthy, watch, at_risk

/// A customer's health at `as_of`.
struct HealthReport {
    std::int64_t customer_id = 0;
    TimeUs as_of = 0;
    int score = 0;  ///< 0–100
    Band band = Band::kAtRisk;
    std::vector<Component> components;  ///< engagement, billing, support, adoption
    std::vector<Signal> signals;        ///< in the order of HEALTH.md's table
    Measurements measurements;          ///< every number behind the above
};

/// A report and the score 30 days before it, as `GET /v1/customers/{id}/health` answers.
struct HealthTrend {
    HealthReport report;
    /// Nothing when the customer had no event yet 30 days before: there was no customer to score.
    std::optional<int> score_30_days_ago;
};

}  // namespace auditrail::health
