// Settings both services take: the log level, and the settings of features this build does not have.
#include <auditrail/common/service_settings.hpp>
#include <catch2/catch.hpp>

#include <cstdlib>
#include <string>
#include <vector>

namespace auditrail::common {

TEST_CASE("a setting of a feature this build lacks stops the service instead of being ignored", "[common]") {
    ::unsetenv("AUDITRAIL_TEST_UNBUILT");
    CHECK_NOTHROW(RefuseUnbuiltSettings({{"AUDITRAIL_TEST_UNBUILT", "do the other thing"}}));
    ::setenv("AUDITRAIL_TEST_UNBUILT", "", 1);  // set but empty: as good as unset
    CHECK_NOTHROW(RefuseUnbuiltSettings({{"AUDITRAIL_TEST_UNBUILT", "do the other thing"}}));
    ::setenv("AUDITRAIL_TEST_UNBUILT", "/etc/cert.pem", 1);
    try {
        RefuseUnbuiltSettings({{"AUDITRAIL_TEST_UNBUILT", "do the other thing"}});
        FAIL("a set AUDITRAIL_TEST_UNBUILT was accepted");
    } catch (const OptionError& error) {
        CHECK(std::string(error.what()) ==
              "AUDITRAIL_TEST_UNBUILT is set, but this build does not support it: do the other thing, and unset it");
    }
    ::unsetenv("AUDITRAIL_TEST_UNBUILT");
}

TEST_CASE("the log level setting takes debug, info, warn or error and nothing else", "[common]") {
    const auto parse = [](const char* level) {
        Options options("test", {LogLevelSpec()});
        std::vector<std::string> args = {"test", "--log-level", level};
        std::vector<char*> argv;
        for (auto& arg : args) argv.push_back(arg.data());
        REQUIRE(options.Parse(static_cast<int>(argv.size()), argv.data()));
        ApplyLogLevel(options);
    };
    for (const char* level : {"debug", "warn", "error", "info"}) CHECK_NOTHROW(parse(level));
    CHECK_THROWS_AS(parse("bogus"), OptionError);
}

}  // namespace auditrail::common
