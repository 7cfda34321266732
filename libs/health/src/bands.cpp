#include <algorithm>
#include <auditrail/health/bands.hpp>
#include <cmath>

namespace auditrail::health {

int WeightedScore(const std::vector<Component>& components) {
    double total = 0;
    for (const Component& component : components) {
        total += component.weight * component.score;
    }
    constexpr double kTolerance = 1e-9;
    return static_cast<int>(std::clamp(std::floor(total + 0.5 + kTolerance), 0.0, 100.0));
}

Band BandFor(int score, const HealthSettings& settings) {
    if (score >= settings.healthy_min) return Band::kHealthy;
    if (score >= settings.watch_min) return Band::kWatch;
    return Band::kAtRisk;
}

std::string_view BandName(Band band) {
    switch (band) {
        case Band::kHealthy:
            return "healthy";
        case Band::kWatch:
            return "watch";
        case Band::kAtRisk:
            return "at_risk";
    }
    return "at_risk";
}

std::string_view SeverityName(Severity severity) {
    switch (severity) {
        case Severity::kInfo:
            return "info";
        case Severity::kWarning:
            return "warning";
        case Severity::kCritical:
            return "critical";
    }
    return "critical";
}

}  // namespace auditrail::health
