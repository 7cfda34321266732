#pragma once

#include <auditrail/health/report.hpp>
#include <auditrail/health/settings.hpp>
#include <auditrail/health/state.hpp>

namespace auditrail::health {

/// HEALTH.md's model at `as_of`. A customer with no event in the 90 days before `as_of` is
/// `at_risk` whatever its score (which is still reported as computed), with the `inactive` signal.
/// @throws std::invalid_argument as Measure() does.
HealthReport Score(const CustomerState& state, TimeUs as_of, const HealthSettings& settings = {});

/// Score() at `as_of` and at `as_of − 30 d` (the state must hold what both need; see CustomerState).
HealthTrend ScoreWithTrend(const CustomerState& state, TimeUs as_of, const HealthSettings& settings = {});

}  // namespace auditrail::health
