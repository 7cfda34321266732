#include <auditrail/health/report_json.hpp>
#include <auditrail/health/score.hpp>
#include <catch2/catch.hpp>
#include <string>

#include "health_state_builder.hpp"

namespace auditrail::health {
namespace {

using testing::Days;
using testing::kAsOf;

HealthReport SmallReport() {
    HealthReport report;
    report.customer_id = 5001;
    report.as_of = kAsOf;
    report.score = 63;
    report.band = Band::kWatch;
    report.components = {
        {"engagement", 0.30, 700.0 / 12, {{"active_days", 7}}, "7 active days in the last 30 (target 12)"},
        {"support", 0.20, 80, {{"load", 2.5}, {"stale", 0}}, "x"},
    };
    report.signals = {{"login_drop", Severity::kWarning, "3 logins in the last 30 days, 11 in the 30 before"}};
    return report;
}

TEST_CASE("a health report is written as API.md §4's body", "[health][json]") {
    CHECK(ToJson(SmallReport(), 71) ==
          R"j({"customer_id":5001,"as_of":"2026-11-23T00:00:00.000000Z","score":63,"band":"watch",)j"
          R"j("components":[{"name":"engagement","weight":0.3,"score":58.333333333333336,)j"
          R"j("inputs":{"active_days":7},"explanation":"7 active days in the last 30 (target 12)"},)j"
          R"j({"name":"support","weight":0.2,"score":80,"inputs":{"load":2.5,"stale":0},"explanation":"x"}],)j"
          R"j("signals":[{"code":"login_drop","severity":"warning",)j"
          R"j("message":"3 logins in the last 30 days, 11 in the 30 before"}],"score_30_days_ago":71})j");
}

TEST_CASE("whole numbers are written as integers, however large", "[health][json]") {
    HealthReport report = SmallReport();
    report.components = {{"adoption", 0.25, 100, {{"usage", 3e9}, {"usage_prev", 1e15}, {"features", 2.5}}, "x"}};
    CHECK(ToJson(report).find(R"j("inputs":{"usage":3000000000,"usage_prev":1000000000000000,"features":2.5})j") !=
          std::string::npos);
}

TEST_CASE("score_30_days_ago is left out when not given", "[health][json]") {
    const std::string json = ToJson(SmallReport());
    CHECK(json.find("score_30_days_ago") == std::string::npos);
    CHECK(json.back() == '}');
}

TEST_CASE("strings from the state are escaped in the JSON", "[health][json]") {
    testing::StateBuilder builder;
    builder.Login(kAsOf - Days(1)).AddInvoice({"INV-\"7\"\n", kAsOf - Days(1), std::nullopt});
    const std::string json = ToJson(Score(builder.For(kAsOf), kAsOf));
    CHECK(json.find(R"j("message":"invoice INV-\"7\"\n is unpaid 1 day after its due date (2026-11-22)")j") !=
          std::string::npos);
}

TEST_CASE("a scored report lists all four components with their inputs in the JSON", "[health][json]") {
    testing::StateBuilder builder;
    builder.Login(kAsOf - Days(1));
    const HealthTrend trend = ScoreWithTrend(builder.For(kAsOf), kAsOf);
    const std::string json = ToJson(trend);
    for (const char* part :
         {R"j("inputs":{"active_days":1})j", R"j("inputs":{"on_time":0,"late":0,"overdue":0})j",
          R"j("inputs":{"load":0,"stale":0})j", R"j("inputs":{"usage":0,"usage_prev":0,"features":0})j",
          R"j("signals":[])j"}) {
        CAPTURE(part);
        CHECK(json.find(part) != std::string::npos);
    }
    // Its first event is a day old: 30 days ago there was no customer to score.
    CHECK(json.find("score_30_days_ago") == std::string::npos);
    builder.Login(kAsOf - Days(40));
    CHECK(ToJson(ScoreWithTrend(builder.For(kAsOf), kAsOf)).find(R"j("score_30_days_ago":)j") != std::string::npos);
}

}  // namespace
}  // namespace auditrail::health
