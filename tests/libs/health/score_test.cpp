#include <auditrail/health/score.hpp>
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "health_state_builder.hpp"

namespace auditrail::health {
namespace {

using testing::Days;
using testing::kAsOf;
using testing::kHourUs;
using testing::StateBuilder;

std::vector<std::string> SignalCodes(const HealthReport& report) {
    std::vector<std::string> codes;
    for (const Signal& signal : report.signals) codes.push_back(signal.code);
    return codes;
}

// 7 active days (58.33), invoices 3 on time and 1 late (75), one high ticket (84), usage 120 after
// 100 with 3 features (80): 17.5 + 18.75 + 16.8 + 20 = 73.05.
StateBuilder SteadyCustomer() {
    StateBuilder builder;
    for (int day = 1; day <= 7; ++day) builder.Login(kAsOf - Days(day) + 9 * kHourUs);
    for (int day = 31; day <= 36; ++day) builder.Login(kAsOf - Days(day) + 9 * kHourUs);
    builder.ApiCall(kAsOf - Days(2), 114).ApiCall(kAsOf - Days(45), 100);
    builder.FeatureUsed(kAsOf - Days(3), "export", 2).FeatureUsed(kAsOf - Days(4), "reports", 2);
    builder.FeatureUsed(kAsOf - Days(5), "alerts", 2);
    builder.AddInvoice({"INV-1", kAsOf - Days(80), kAsOf - Days(81)});
    builder.AddInvoice({"INV-2", kAsOf - Days(50), kAsOf - Days(50)});
    builder.AddInvoice({"INV-3", kAsOf - Days(20), kAsOf - Days(25)});
    builder.AddInvoice({"INV-4", kAsOf - Days(10), kAsOf - Days(8)});
    builder.AddTicket({"T-1", Priority::kHigh, kAsOf - Days(6), kAsOf - Days(5)});
    return builder;
}

TEST_CASE("a steady customer's score is the weighted sum of its hand-computed components", "[health][score]") {
    const HealthReport report = Score(SteadyCustomer().For(kAsOf), kAsOf);
    REQUIRE(report.components.size() == 4);
    CHECK(report.components[0].score == Approx(700.0 / 12));
    CHECK(report.components[1].score == Approx(75));
    CHECK(report.components[2].score == Approx(84));
    CHECK(report.components[3].score == Approx(80));
    CHECK(report.score == 73);
    CHECK(report.band == Band::kHealthy);
    CHECK(report.signals.empty());
    CHECK(report.customer_id == 5001);
    CHECK(report.as_of == kAsOf);
}

TEST_CASE("weights are configurable", "[health][score]") {
    HealthSettings settings;
    settings.engagement_weight = 0.25;
    settings.billing_weight = 0.25;
    settings.support_weight = 0.25;
    settings.adoption_weight = 0.25;
    const HealthReport report = Score(SteadyCustomer().For(kAsOf), kAsOf, settings);
    CHECK(report.score == 74);  // (58.33 + 75 + 84 + 80) / 4 = 74.33
    CHECK(report.components[2].weight == 0.25);
    settings.healthy_min = 75;
    CHECK(Score(SteadyCustomer().For(kAsOf), kAsOf, settings).band == Band::kWatch);
}

TEST_CASE("a score of exactly 49.5 rounds up to 50 and is watch, though doubles make it 49.49999999999999",
          "[health][score]") {
    // Billing 5 of 6 on time (83.33), 5 normal tickets (60), usage 5 after 15 with 5 features (66.67):
    // 0 + 20.83 + 12 + 16.67 = 49.5.
    StateBuilder builder;
    for (const char* feature : {"a", "b", "c", "d", "e"}) builder.FeatureUsed(kAsOf - Days(1), feature);
    builder.ApiCall(kAsOf - Days(40), 15);
    for (int i = 0; i < 5; ++i) {
        builder.AddInvoice({"INV-" + std::to_string(i), kAsOf - Days(10 + i), kAsOf - Days(11 + i)});
        builder.AddTicket({"T-" + std::to_string(i), Priority::kNormal, kAsOf - Days(2 + i), kAsOf - Days(1)});
    }
    builder.AddInvoice({"INV-late", kAsOf - Days(30), kAsOf - Days(29)});
    const HealthReport report = Score(builder.For(kAsOf), kAsOf);
    CHECK(report.components[1].score == Approx(250.0 / 3));
    CHECK(report.components[2].score == Approx(60));
    CHECK(report.components[3].score == Approx(200.0 / 3));
    CHECK(report.score == 50);
    CHECK(report.band == Band::kWatch);
    CHECK(SignalCodes(report) == std::vector<std::string>{"ticket_spike"});
}

TEST_CASE("a customer with no event in the 90 days is at_risk whatever its score, with inactive", "[health][score]") {
    StateBuilder builder;
    builder.Login(kAsOf - Days(100));
    HealthSettings settings;
    settings.engagement_weight = 0;
    settings.billing_weight = 0.5;
    settings.support_weight = 0.5;
    settings.adoption_weight = 0;
    const HealthReport report = Score(builder.For(kAsOf), kAsOf, settings);
    CHECK(report.score == 100);  // no invoices, no tickets
    CHECK(report.band == Band::kAtRisk);
    REQUIRE(report.signals.size() == 1);
    CHECK(report.signals[0].code == "inactive");
    CHECK(report.signals[0].severity == Severity::kCritical);
    CHECK(report.signals[0].message == "no event in the 90 days before as_of; the last was 100 days ago");

    const HealthReport defaults = Score(builder.For(kAsOf), kAsOf);
    CHECK(defaults.score == 45);  // 0.25 × 100 + 0.20 × 100
    CHECK(defaults.band == Band::kAtRisk);
}

TEST_CASE("an event of any action in the 90 days keeps the band to the score", "[health][score]") {
    StateBuilder builder;
    builder.Login(kAsOf - Days(100)).Event("ticket.closed", kAsOf - Days(90));
    HealthSettings settings;
    settings.engagement_weight = 0;
    settings.billing_weight = 0.5;
    settings.support_weight = 0.5;
    settings.adoption_weight = 0;
    const HealthReport report = Score(builder.For(kAsOf), kAsOf, settings);
    CHECK(report.band == Band::kHealthy);
    CHECK(report.signals.empty());
}

TEST_CASE("the trend scores the same state 30 days earlier", "[health][score]") {
    StateBuilder builder = SteadyCustomer();
    const TimeUs mid_day = kAsOf + 10 * kHourUs;
    builder.Login(mid_day - Days(60) - 1).Login(mid_day - Days(60) + 1);  // cut at P's start now, W's 30 days ago
    builder.Login(mid_day - Days(90) - 1).Login(mid_day - Days(90) + 1);  // cut at P's start 30 days ago
    const CustomerState state = builder.For(mid_day);
    const HealthTrend trend = ScoreWithTrend(state, mid_day);
    CHECK(trend.report.score == Score(state, mid_day).score);
    CHECK(trend.score_30_days_ago == Score(state, mid_day - Days(30)).score);
    CHECK(trend.report.measurements.logins_prev == 6 + 1);
    CHECK(Score(state, mid_day - Days(30)).measurements.logins == 6 + 1);
    CHECK(Score(state, mid_day - Days(30)).measurements.logins_prev == 2);
}

TEST_CASE("a customer whose first event is less than 30 days old has no score 30 days ago", "[health][score]") {
    StateBuilder builder;
    builder.Login(kAsOf - Days(30) + 1).Login(kAsOf - Days(2));
    CHECK_FALSE(ScoreWithTrend(builder.For(kAsOf), kAsOf).score_30_days_ago.has_value());
    StateBuilder older;
    older.Login(kAsOf - Days(30) - 1).Login(kAsOf - Days(2));
    CHECK(ScoreWithTrend(older.For(kAsOf), kAsOf).score_30_days_ago.has_value());
}

}  // namespace
}  // namespace auditrail::health
