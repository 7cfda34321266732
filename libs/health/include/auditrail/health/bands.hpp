#pragma once

#include <auditrail/health/report.hpp>
#include <auditrail/health/settings.hpp>
#include <vector>

namespace auditrail::health {

/// `round(Σ weight × score)`, halves up, clamped to 0–100. A sum within 1e-9 below a half counts as
/// the half, so that binary rounding of e.g. 0.3 × 58.33… cannot turn 62.5 into 62.
int WeightedScore(const std::vector<Component>& components);

/// `healthy` at or above `healthy_min`, `watch` at or above `watch_min`, else `at_risk`.
Band BandFor(int score, const HealthSettings& settings);

}  // namespace auditrail::health
