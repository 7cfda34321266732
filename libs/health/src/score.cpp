#include <algorithm>
#include <auditrail/health/bands.hpp>
#include <auditrail/health/components.hpp>
#include <auditrail/health/measure.hpp>
#include <auditrail/health/score.hpp>
#include <auditrail/health/signals.hpp>

namespace auditrail::health {

HealthReport Score(const CustomerState& state, TimeUs as_of, const HealthSettings& settings) {
    HealthReport report;
    report.customer_id = state.customer_id;
    report.as_of = as_of;
    report.measurements = Measure(state, as_of);
    report.components = Components(report.measurements, settings);
    report.score = WeightedScore(report.components);
    // HEALTH.md: a customer with no event in the 90 days "is at_risk", whatever the score says.
    report.band = report.measurements.event_in_90_days ? BandFor(report.score, settings) : Band::kAtRisk;
    report.signals = Signals(report.measurements, as_of);
    return report;
}

HealthTrend ScoreWithTrend(const CustomerState& state, TimeUs as_of, const HealthSettings& settings) {
    HealthTrend trend;
    trend.report = Score(state, as_of, settings);
    // Every event is in an activity bucket, and the loader keeps the latest one before its windows: the earliest
    // bucket says whether the customer had any event by then.
    const TimeUs then = as_of - 30 * kDayUs;
    const bool existed = std::any_of(state.activity.begin(), state.activity.end(),
                                     [then](const auto& bucket) { return bucket.first_at < then; });
    if (existed) trend.score_30_days_ago = Score(state, then, settings).score;
    return trend;
}

}  // namespace auditrail::health
