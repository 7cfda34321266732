// auditrail-load's flags: the target (IPv6 literals too), the tenant rule, and switches given a separate value.
#include <auditrail/common/options.hpp>
#include <catch2/catch.hpp>
#include <loadtest/src/options.hpp>

#include <string>
#include <vector>

namespace auditrail::load {
namespace {

/// ParseLoadOptions on `flags`, with a JWT secret and no token, whatever the environment holds.
LoadOptions Parse(std::vector<std::string> flags) {
    std::vector<std::string> args{"auditrail-load", "--token=", "--jwt-secret=a-secret"};
    args.insert(args.end(), flags.begin(), flags.end());
    std::vector<char*> argv;
    for (auto& arg : args) argv.push_back(arg.data());
    auto options = ParseLoadOptions(static_cast<int>(argv.size()), argv.data());
    REQUIRE(options.has_value());
    return *options;
}

}  // namespace

TEST_CASE("a target is host:port, or a bracketed IPv6 literal and its port", "[loadtest][options]") {
    const Target ipv4 = ParseTarget("127.0.0.1:8080");
    CHECK(ipv4.host == "127.0.0.1");
    CHECK(ipv4.port == 8080);
    const Target name = ParseTarget("localhost:1");
    CHECK(name.host == "localhost");
    CHECK(name.port == 1);
    const Target ipv6 = ParseTarget("[::1]:56211");
    CHECK(ipv6.host == "::1");
    CHECK(ipv6.port == 56211);
    CHECK(ParseTarget("[fe80::1:2]:443").host == "fe80::1:2");

    CHECK(FormatTarget("127.0.0.1", 8080) == "127.0.0.1:8080");
    CHECK(FormatTarget("::1", 56211) == "[::1]:56211");
    CHECK(Parse({"--target", "[::1]:56211"}).host == "::1");
}

TEST_CASE("a target without a host, a port, or the brackets of an IPv6 literal is refused", "[loadtest][options]") {
    for (const char* bad : {"", "8080", ":8080", "host:", "host:0", "host:65536", "host:80x", "::1:8080", "[::1]",
                            "[::1]8080", "[]:8080", "[::1:8080", "::1]:8080", "[::1]x:8080"}) {
        INFO(bad);
        CHECK_THROWS_AS(ParseTarget(bad), common::OptionError);
    }
}

TEST_CASE("a tenant is refused unless the service would take it", "[loadtest][options]") {
    CHECK(Parse({"--tenant", "acme-eu_2"}).tenant == "acme-eu_2");
    CHECK(Parse({}).tenant.rfind("load-", 0) == 0);
    const std::vector<std::string> bad_tenants{"Bad Tenant!", "-acme", "_acme", "Acme", "acme.eu", std::string(64, 'a')};
    for (const auto& bad : bad_tenants) {
        INFO(bad);
        CHECK_THROWS_WITH(Parse({"--tenant", bad}), Catch::Contains("is not a tenant id"));
    }
}

TEST_CASE("a switch takes a boolean word after it as its value, and nothing else", "[loadtest][options]") {
    CHECK(Parse({"--verify"}).verify);
    CHECK(Parse({"--verify=false"}).verify == false);
    CHECK(Parse({"--verify", "false"}).verify == false);
    CHECK(Parse({"--verify", "true"}).verify);
    CHECK(Parse({"--json", "no", "--gzip", "1"}).json == false);
    CHECK(Parse({"--json", "no", "--gzip", "1"}).gzip);
    CHECK(Parse({"--verify", "0", "--json", "yes"}).json);

    // A bare switch before another flag, or last, means true.
    const LoadOptions bare = Parse({"--gzip", "--json", "--connections", "2"});
    CHECK(bare.gzip);
    CHECK(bare.json);
    CHECK(bare.connections == 2);

    // Only the exact words are taken; any other word after a switch is refused, saying how to spell the value.
    CHECK_THROWS_WITH(Parse({"--json", "False"}), "--json: 'False' is not true or false (e.g. --json=false)");
    CHECK_THROWS_WITH(Parse({"--verify", "off"}), Catch::Contains("--verify=false"));
    CHECK_THROWS_WITH(Parse({"--json=maybe"}), Catch::Contains("--json=false"));
}

}  // namespace auditrail::load
