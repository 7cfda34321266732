#include <auditrail/health/bands.hpp>
#include <catch2/catch.hpp>
#include <vector>

namespace auditrail::health {
namespace {

std::vector<Component> Scored(double engagement, double billing, double support, double adoption,
                              const HealthSettings& settings = {}) {
    return {{"engagement", settings.engagement_weight, engagement, {}, {}},
            {"billing", settings.billing_weight, billing, {}, {}},
            {"support", settings.support_weight, support, {}, {}},
            {"adoption", settings.adoption_weight, adoption, {}, {}}};
}

TEST_CASE("the score is the weighted sum rounded half up", "[health][bands]") {
    struct Case {
        double engagement, billing, support, adoption;
        int expected;
    };
    const Case kCases[] = {
        {0, 0, 0, 0, 0},
        {100, 100, 100, 100, 100},
        {700.0 / 12, 100, 100, 0, 63},                 // 17.5 + 25 + 20 = 62.5: up
        {700.0 / 12, 0, 100, 48, 50},                  // 17.5 + 20 + 12 = 49.5: up
        {700.0 / 12, 100, 100, 28, 70},                // 17.5 + 25 + 20 + 7 = 69.5: up
        {700.0 / 12, 100, 100, 27.96, 69},             // 69.49
        {0, 0, 100, 97.6, 44},                         // 20 + 24.4
        {0, 250.0 / 3, 60, 50 * (1.0 / 3) + 50, 50},   // exactly 49.5, which doubles make 49.49999999999999
        {0, 250.0 / 3, 100, 50 * (1.0 / 3) + 50, 58},  // exactly 57.5, likewise
        {100.0 / 12, 100.0 / 3, 0, 0, 11},             // 2.5 + 8.33…
    };
    for (const Case& c : kCases) {
        CAPTURE(c.engagement, c.billing, c.support, c.adoption);
        CHECK(WeightedScore(Scored(c.engagement, c.billing, c.support, c.adoption)) == c.expected);
    }
}

TEST_CASE("the score stays within 0–100 whatever the configured weights add up to", "[health][bands]") {
    HealthSettings settings;
    settings.engagement_weight = 1;
    settings.billing_weight = 1;
    CHECK(WeightedScore(Scored(100, 100, 100, 100, settings)) == 100);
    settings.engagement_weight = 0.5;
    settings.billing_weight = 0;
    settings.support_weight = 0;
    settings.adoption_weight = 0;
    CHECK(WeightedScore(Scored(100, 100, 100, 100, settings)) == 50);
}

TEST_CASE("bands are healthy from 70, watch from 50, at_risk below", "[health][bands]") {
    struct Case {
        int score;
        Band expected;
    };
    const Case kCases[] = {
        {0, Band::kAtRisk}, {49, Band::kAtRisk},  {50, Band::kWatch},
        {69, Band::kWatch}, {70, Band::kHealthy}, {100, Band::kHealthy},
    };
    for (const Case& c : kCases) {
        CAPTURE(c.score);
        CHECK(BandFor(c.score, HealthSettings{}) == c.expected);
    }
}

TEST_CASE("band edges are configurable", "[health][bands]") {
    HealthSettings settings;
    settings.healthy_min = 80;
    settings.watch_min = 60;
    CHECK(BandFor(59, settings) == Band::kAtRisk);
    CHECK(BandFor(60, settings) == Band::kWatch);
    CHECK(BandFor(79, settings) == Band::kWatch);
    CHECK(BandFor(80, settings) == Band::kHealthy);
}

TEST_CASE("bands and severities have the names API.md uses", "[health][bands]") {
    CHECK(BandName(Band::kHealthy) == "healthy");
    CHECK(BandName(Band::kWatch) == "watch");
    CHECK(BandName(Band::kAtRisk) == "at_risk");
    CHECK(SeverityName(Severity::kInfo) == "info");
    CHECK(SeverityName(Severity::kWarning) == "warning");
    CHECK(SeverityName(Severity::kCritical) == "critical");
}

TEST_CASE("settings that cannot be used are refused with a reason", "[health][bands]") {
    CHECK_FALSE(CheckSettings(HealthSettings{}).has_value());
    HealthSettings negative;
    negative.support_weight = -0.1;
    CHECK(CheckSettings(negative).has_value());
    HealthSettings no_target;
    no_target.target_features = 0;
    CHECK(CheckSettings(no_target).has_value());
    HealthSettings crossed;
    crossed.watch_min = 75;
    CHECK(CheckSettings(crossed).has_value());
    HealthSettings halves;  // 0.5 each: every score would be clamped to 100
    halves.engagement_weight = halves.billing_weight = halves.support_weight = halves.adoption_weight = 0.5;
    CHECK(CheckSettings(halves) ==
          "--health-weights (AUDITRAIL_HEALTH_WEIGHTS): the weights must add up to 1 (they add up to 2.000000)");
    HealthSettings one_component;
    one_component.engagement_weight = 1;
    one_component.billing_weight = one_component.support_weight = one_component.adoption_weight = 0;
    CHECK_FALSE(CheckSettings(one_component).has_value());
}

}  // namespace
}  // namespace auditrail::health
