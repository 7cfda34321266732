#include <auditrail/health/components.hpp>
#include <catch2/catch.hpp>
#include <string>
#include <vector>

namespace auditrail::health {
namespace {

double InputValue(const Component& component, const std::string& name) {
    for (const NamedInput& input : component.inputs) {
        if (input.name == name) return input.value;
    }
    FAIL("no input " << name << " in " << component.name);
    return 0;
}

std::vector<std::string> InputNames(const Component& component) {
    std::vector<std::string> names;
    for (const NamedInput& input : component.inputs) names.push_back(input.name);
    return names;
}

TEST_CASE("engagement is 100 × min(1, active_days / 12)", "[health][components]") {
    struct Case {
        std::int64_t active_days;
        double expected;
    };
    const Case kCases[] = {
        {0, 0}, {1, 100.0 / 12}, {6, 50}, {7, 700.0 / 12}, {11, 1100.0 / 12}, {12, 100}, {13, 100}, {31, 100},
    };
    for (const Case& c : kCases) {
        CAPTURE(c.active_days);
        Measurements m;
        m.active_days = c.active_days;
        const Component engagement = Engagement(m, HealthSettings{});
        CHECK(engagement.score == Approx(c.expected));
        CHECK(InputValue(engagement, "active_days") == c.active_days);
    }
}

TEST_CASE("engagement explains its active days and target in one sentence", "[health][components]") {
    Measurements m;
    m.active_days = 7;
    const Component engagement = Engagement(m, HealthSettings{});
    CHECK(engagement.name == "engagement");
    CHECK(engagement.weight == 0.30);
    CHECK(engagement.explanation == "7 active days in the last 30 (target 12)");
    m.active_days = 1;
    CHECK(Engagement(m, HealthSettings{}).explanation == "1 active day in the last 30 (target 12)");
}

TEST_CASE("the engagement target is configurable", "[health][components]") {
    HealthSettings settings;
    settings.target_active_days = 10;
    Measurements m;
    m.active_days = 5;
    CHECK(Engagement(m, settings).score == Approx(50));
    CHECK(Engagement(m, settings).explanation == "5 active days in the last 30 (target 10)");
}

TEST_CASE("billing is 100 × on_time / all − 20 × overdue, clamped, and 100 without invoices", "[health][components]") {
    struct Case {
        std::int64_t on_time, late, overdue;
        double expected;
    };
    const Case kCases[] = {
        {0, 0, 0, 100},        // no invoice due in the 90 days
        {4, 0, 0, 100},        //
        {3, 1, 0, 75},         // late costs its share only
        {3, 0, 1, 55},         // 75 − 20
        {2, 1, 1, 30},         // 50 − 20
        {1, 2, 0, 100.0 / 3},  //
        {0, 1, 0, 0},          //
        {0, 0, 1, 0},          // 0 − 20, clamped
        {1, 0, 4, 0},          // 20 − 80, clamped
        {9, 0, 1, 70},         // 90 − 20
    };
    for (const Case& c : kCases) {
        CAPTURE(c.on_time, c.late, c.overdue);
        Measurements m;
        m.on_time = c.on_time;
        m.late = c.late;
        m.overdue = c.overdue;
        const Component billing = Billing(m, HealthSettings{});
        CHECK(billing.score == Approx(c.expected));
        CHECK(InputNames(billing) == std::vector<std::string>{"on_time", "late", "overdue"});
        CHECK(InputValue(billing, "overdue") == c.overdue);
    }
}

TEST_CASE("billing explains its invoices in one sentence", "[health][components]") {
    Measurements m;
    CHECK(Billing(m, HealthSettings{}).explanation == "no invoices due in the last 90 days");
    m.on_time = 2;
    m.late = 1;
    m.overdue = 1;
    CHECK(Billing(m, HealthSettings{}).explanation ==
          "2 of 4 invoices due in the last 90 days paid on time, 1 late, 1 overdue");
}

TEST_CASE("support is 100 − 8 × load − 5 × stale, clamped", "[health][components]") {
    struct Case {
        double load;
        std::int64_t stale;
        double expected;
    };
    const Case kCases[] = {
        {0, 0, 100}, {0.5, 0, 96}, {2.5, 1, 75}, {4, 0, 68}, {0, 3, 85}, {12.5, 0, 0}, {10, 5, 0}, {12, 0, 4},
    };
    for (const Case& c : kCases) {
        CAPTURE(c.load, c.stale);
        Measurements m;
        m.load = c.load;
        m.stale = c.stale;
        m.tickets = 3;
        const Component support = Support(m, HealthSettings{});
        CHECK(support.score == Approx(c.expected));
        CHECK(InputNames(support) == std::vector<std::string>{"load", "stale"});
        CHECK(InputValue(support, "load") == c.load);
    }
}

TEST_CASE("support explains tickets, load and stale tickets in one sentence", "[health][components]") {
    Measurements m;
    m.tickets = 2;
    m.load = 2.5;
    m.stale = 1;
    CHECK(Support(m, HealthSettings{}).explanation ==
          "2 tickets opened in the last 30 days (load 2.5), 1 open for more than 7 days");
}

TEST_CASE("adoption is half usage trend and half distinct features, with the usage_prev = 0 rule",
          "[health][components]") {
    struct Case {
        std::int64_t usage, usage_prev, features;
        double expected;
    };
    const Case kCases[] = {
        {0, 0, 0, 0},        // usage_prev 0 and no usage: first half 0
        {1, 0, 0, 50},       // usage_prev 0 and some usage: first half 50
        {500, 0, 0, 50},     //
        {0, 10, 0, 0},       //
        {50, 100, 0, 25},    //
        {100, 100, 0, 50},   //
        {150, 100, 0, 50},   // min(1, …)
        {50, 100, 2, 45},    // 25 + 20
        {0, 0, 5, 50},       //
        {0, 0, 7, 50},       // min(1, features / 5)
        {1, 0, 3, 80},       // 50 + 30
        {150, 100, 5, 100},  //
    };
    for (const Case& c : kCases) {
        CAPTURE(c.usage, c.usage_prev, c.features);
        Measurements m;
        m.usage = c.usage;
        m.usage_prev = c.usage_prev;
        m.features = c.features;
        const Component adoption = Adoption(m, HealthSettings{});
        CHECK(adoption.score == Approx(c.expected));
        CHECK(InputNames(adoption) == std::vector<std::string>{"usage", "usage_prev", "features"});
    }
}

TEST_CASE("the features target is configurable", "[health][components]") {
    HealthSettings settings;
    settings.target_features = 4;
    Measurements m;
    m.features = 2;
    CHECK(Adoption(m, settings).score == Approx(25));
    CHECK(Adoption(m, settings).explanation ==
          "usage 0 in the last 30 days against 0 in the 30 before; 2 distinct features (target 4)");
}

TEST_CASE("components come in the order engagement, billing, support, adoption with their weights",
          "[health][components]") {
    HealthSettings settings;
    settings.engagement_weight = 0.4;
    settings.billing_weight = 0.1;
    settings.support_weight = 0.3;
    settings.adoption_weight = 0.2;
    const std::vector<Component> components = Components(Measurements{}, settings);
    REQUIRE(components.size() == 4);
    CHECK(components[0].name == "engagement");
    CHECK(components[1].name == "billing");
    CHECK(components[2].name == "support");
    CHECK(components[3].name == "adoption");
    CHECK(components[0].weight == 0.4);
    CHECK(components[1].weight == 0.1);
    CHECK(components[2].weight == 0.3);
    CHECK(components[3].weight == 0.2);
}

}  // namespace
}  // namespace auditrail::health
