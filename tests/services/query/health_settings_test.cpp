// The health settings of the query service's configuration (--health-* / AUDITRAIL_HEALTH_*).
#include <auditrail/common/options.hpp>
#include <catch2/catch.hpp>
#include <src/query_config.hpp>
#include <string>
#include <vector>

namespace auditrail::test {
namespace {

/// ParseQueryConfig over `flags` (the AUDITRAIL_HEALTH_* variables are unset in the test environment).
query::QueryConfig Parse(std::vector<std::string> flags) {
    flags.insert(flags.begin(), "auditrail-query");
    flags.push_back("--jwt-secret");
    flags.push_back("a-secret-of-at-least-32-bytes-0123456789");
    std::vector<char*> argv;
    for (auto& flag : flags) argv.push_back(flag.data());
    auto config = query::ParseQueryConfig(static_cast<int>(argv.size()), argv.data());
    REQUIRE(config);
    return *config;
}

}  // namespace

TEST_CASE("the health settings default to HEALTH.md's values", "[health]") {
    const auto config = Parse({});
    CHECK(config.health.engagement_weight == 0.30);
    CHECK(config.health.billing_weight == 0.25);
    CHECK(config.health.support_weight == 0.20);
    CHECK(config.health.adoption_weight == 0.25);
    CHECK(config.health.target_active_days == 12);
    CHECK(config.health.target_features == 5);
    CHECK(config.health.healthy_min == 70);
    CHECK(config.health.watch_min == 50);
    CHECK(config.health_snapshot_interval == std::chrono::seconds(300));
}

TEST_CASE("the health settings are read from their flags", "[health]") {
    const auto config =
        Parse({"--health-weights", "0.4,0.2,0.1,0.3", "--health-active-days", "10", "--health-features", "3",
               "--health-healthy-min", "75", "--health-watch-min", "40", "--health-snapshot-interval-s", "0"});
    CHECK(config.health.engagement_weight == 0.4);
    CHECK(config.health.billing_weight == 0.2);
    CHECK(config.health.support_weight == 0.1);
    CHECK(config.health.adoption_weight == 0.3);
    CHECK(config.health.target_active_days == 10);
    CHECK(config.health.target_features == 3);
    CHECK(config.health.healthy_min == 75);
    CHECK(config.health.watch_min == 40);
    CHECK(config.health_snapshot_interval == std::chrono::seconds(0));
}

TEST_CASE("bad health settings stop the service with a line naming them", "[health]") {
    const std::vector<std::pair<std::vector<std::string>, std::string>> cases = {
        {{"--health-weights", "0.3,0.25,0.2"}, "health-weights"},
        {{"--health-weights", "0.3,0.25,0.2,0.25,0.1"}, "health-weights"},
        {{"--health-weights", "0.3,x,0.2,0.25"}, "health-weights"},
        {{"--health-weights", "0.3,-0.25,0.2,0.25"}, "weights"},
        {{"--health-weights", "0,0,0,0"}, "add up to 1"},
        {{"--health-weights", "0.5,0.5,0.5,0.5"}, "add up to 1"},
        {{"--health-active-days", "0"}, "health-active-days"},
        {{"--health-features", "many"}, "health-features"},
        {{"--health-healthy-min", "101"}, "health-healthy-min"},
        {{"--health-watch-min", "80"}, "band edges"},  // above healthy_min (70)
        {{"--health-snapshot-interval-s", "-1"}, "health-snapshot-interval-s"},
        // Not health settings, but bad in the same way: caught at start, not at the first request.
        {{"--export-tmpdir", "/nonexistent/dir"}, "export-tmpdir"},
        {{"--database-url", "postgresql://u:PW%ZZ@127.0.0.1/x"}, "database-url"},
        {{"--database-url", "postgresql://u@127.0.0.1/x?sslmode=bogus"}, "sslmode"},
    };
    for (const auto& [flags, named] : cases) {
        INFO(flags.front() << " " << flags.back());
        try {
            Parse(flags);
            FAIL("accepted");
        } catch (const common::OptionError& error) {
            CHECK(std::string(error.what()).find(named) != std::string::npos);
        }
    }
}

}  // namespace auditrail::test
