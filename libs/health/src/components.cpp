#include <algorithm>
#include <auditrail/health/components.hpp>
#include <string>

#include "text.hpp"

namespace auditrail::health {
namespace {

using internal::Count;
using internal::FormatNumber;

double Clamp(double score) { return std::clamp(score, 0.0, 100.0); }

double Ratio(std::int64_t n, std::int64_t target) {
    return std::min(1.0, static_cast<double>(n) / static_cast<double>(std::max<std::int64_t>(1, target)));
}

}  // namespace

Component Engagement(const Measurements& m, const HealthSettings& settings) {
    Component c{"engagement", settings.engagement_weight, 0, {}, {}};
    c.score = Clamp(100 * Ratio(m.active_days, settings.target_active_days));
    c.inputs = {{"active_days", static_cast<double>(m.active_days)}};
    c.explanation = Count(m.active_days, "active day", "active days") + " in the last 30 (target " +
                    std::to_string(settings.target_active_days) + ")";
    return c;
}

Component Billing(const Measurements& m, const HealthSettings& settings) {
    Component c{"billing", settings.billing_weight, 0, {}, {}};
    const std::int64_t total = m.on_time + m.late + m.overdue;
    c.score = total == 0 ? 100
                         : Clamp(100.0 * static_cast<double>(m.on_time) / static_cast<double>(total) -
                                 20.0 * static_cast<double>(m.overdue));
    c.inputs = {{"on_time", static_cast<double>(m.on_time)},
                {"late", static_cast<double>(m.late)},
                {"overdue", static_cast<double>(m.overdue)}};
    c.explanation = total == 0 ? std::string("no invoices due in the last 90 days")
                               : std::to_string(m.on_time) + " of " + Count(total, "invoice", "invoices") +
                                     " due in the last 90 days paid on time, " + std::to_string(m.late) + " late, " +
                                     std::to_string(m.overdue) + " overdue";
    return c;
}

Component Support(const Measurements& m, const HealthSettings& settings) {
    Component c{"support", settings.support_weight, 0, {}, {}};
    c.score = Clamp(100 - 8 * m.load - 5 * static_cast<double>(m.stale));
    c.inputs = {{"load", m.load}, {"stale", static_cast<double>(m.stale)}};
    c.explanation = Count(m.tickets, "ticket", "tickets") + " opened in the last 30 days (load " +
                    FormatNumber(m.load) + "), " + std::to_string(m.stale) + " open for more than 7 days";
    return c;
}

Component Adoption(const Measurements& m, const HealthSettings& settings) {
    Component c{"adoption", settings.adoption_weight, 0, {}, {}};
    // max(1, usage_prev) already makes the first half 50 for usage > 0 and 0 for none when usage_prev is 0.
    c.score = Clamp(50 * Ratio(m.usage, m.usage_prev) + 50 * Ratio(m.features, settings.target_features));
    c.inputs = {{"usage", static_cast<double>(m.usage)},
                {"usage_prev", static_cast<double>(m.usage_prev)},
                {"features", static_cast<double>(m.features)}};
    c.explanation = "usage " + std::to_string(m.usage) + " in the last 30 days against " +
                    std::to_string(m.usage_prev) + " in the 30 before; " +
                    Count(m.features, "distinct feature", "distinct features") + " (target " +
                    std::to_string(settings.target_features) + ")";
    return c;
}

std::vector<Component> Components(const Measurements& m, const HealthSettings& settings) {
    return {Engagement(m, settings), Billing(m, settings), Support(m, settings), Adoption(m, settings)};
}

}  // namespace auditrail::health
