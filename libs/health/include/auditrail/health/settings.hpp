#pragma once

#include <optional>
#include <string>

namespace auditrail::health {

/// The configurable part of HEALTH.md; the defaults are its values.
struct HealthSettings {
    double engagement_weight = 0.30;  ///< weight of the engagement sub-score
    double billing_weight = 0.25;     ///< weight of the billing sub-score
    double support_weight = 0.20;     ///< weight of the support sub-score
    double adoption_weight = 0.25;    ///< weight of the adoption sub-score
    int target_active_days = 12;      ///< active days in 30 for a full engagement sub-score
    int target_features = 5;          ///< distinct features in 30 days for a full half of adoption
    int healthy_min = 70;             ///< lowest `healthy` score
    int watch_min = 50;               ///< lowest `watch` score; below it is `at_risk`
};

/// Why `settings` cannot be used (a negative or non-finite weight, a target below 1, band edges out
/// of 0–100 or `watch_min` above `healthy_min`), or nothing when they can.
std::optional<std::string> CheckSettings(const HealthSettings& settings);

}  // namespace auditrail::health
