#include <auditrail/health/settings.hpp>
#include <cmath>
#include <string>

namespace auditrail::health {

std::optional<std::string> CheckSettings(const HealthSettings& settings) {
    for (double weight :
         {settings.engagement_weight, settings.billing_weight, settings.support_weight, settings.adoption_weight}) {
        if (!std::isfinite(weight) || weight < 0) {
            return "--health-weights (AUDITRAIL_HEALTH_WEIGHTS): the weights must be finite and not negative";
        }
    }
    // The score is the weighted mean of four sub-scores of 0-100 (HEALTH.md): weights that do not add up to 1 would
    // push every score to 0 or 100.
    const double sum =
        settings.engagement_weight + settings.billing_weight + settings.support_weight + settings.adoption_weight;
    if (std::abs(sum - 1.0) > 1e-6) {
        return "--health-weights (AUDITRAIL_HEALTH_WEIGHTS): the weights must add up to 1 (they add up to " +
               std::to_string(sum) + ")";
    }
    if (settings.target_active_days < 1 || settings.target_features < 1) {
        return "health targets (active days, features) must be at least 1";
    }
    if (settings.watch_min < 0 || settings.healthy_min > 100 || settings.watch_min > settings.healthy_min) {
        return "--health-watch-min (AUDITRAIL_HEALTH_WATCH_MIN) and --health-healthy-min "
               "(AUDITRAIL_HEALTH_HEALTHY_MIN): the band edges must satisfy 0 <= watch_min <= healthy_min <= 100";
    }
    return std::nullopt;
}

}  // namespace auditrail::health
