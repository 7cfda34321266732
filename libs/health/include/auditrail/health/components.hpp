#pragma once

#include <auditrail/health/measure.hpp>
#include <auditrail/health/report.hpp>
#include <auditrail/health/settings.hpp>
#include <vector>

namespace auditrail::health {

/// `100 × min(1, active_days / target_active_days)`.
Component Engagement(const Measurements& m, const HealthSettings& settings);

/// No invoice due in the 90 days: 100; else `100 × on_time / (on_time + late + overdue) − 20 × overdue`, clamped.
Component Billing(const Measurements& m, const HealthSettings& settings);

/// `100 − 8 × load − 5 × stale`, clamped.
Component Support(const Measurements& m, const HealthSettings& settings);

/// `50 × min(1, usage / max(1, usage_prev)) + 50 × min(1, features / target_features)`; the first
/// half is 50 when usage_prev is 0 and usage > 0, else 0.
Component Adoption(const Measurements& m, const HealthSettings& settings);

/// The four, in the order engagement, billing, support, adoption.
std::vector<Component> Components(const Measurements& m, const HealthSettings& settings);

}  // namespace auditrail::health
