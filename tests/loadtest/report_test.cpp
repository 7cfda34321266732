// auditrail-load's report: the latency and, in the open loop, the send lag and its part spent waiting for a free
// connection, as text and as JSON.
#include <catch2/catch.hpp>
#include <loadtest/src/report.hpp>

#include <cstdint>
#include <string>

namespace auditrail::load {
namespace {

constexpr std::uint64_t kMs = 1'000'000;  // the histograms count nanoseconds

/// 99 values of `low` ms and one of `high` ms.
void Fill(LatencyHistogram& histogram, std::uint64_t low, std::uint64_t high) {
    for (int i = 0; i < 99; ++i) histogram.Record(low * kMs);
    histogram.Record(high * kMs);
}

}  // namespace

TEST_CASE("the report gives the send lag of an open loop beside its latency", "[loadtest][report]") {
    LoadOptions options;
    options.rate = 100;
    RunResult result;
    result.measured_seconds = 1;
    Fill(result.stats.latency, 2, 40);
    Fill(result.stats.send_lag, 1, 30);
    Fill(result.stats.connection_wait, 0, 25);
    const Report report{options, result, std::nullopt, ""};

    const std::string json = FormatJson(report);
    CHECK(json.find(R"("latency_ms":{"p50":2.)") != std::string::npos);
    CHECK(json.find(R"("send_lag_ms":{"p50":1.)") != std::string::npos);
    // The members are well formed: the percentiles, the maximum and the mean, and nothing after the mean.
    const auto lag = json.substr(json.find(R"("send_lag_ms":)"));
    CHECK(lag.find(R"("p99_9":)") < lag.find(R"("max":30.000,"mean":1.29)"));
    CHECK(lag.find(R"("mean":1.290})") != std::string::npos);
    CHECK(json.find(R"("connection_wait_ms":{"p50":0.000,)") != std::string::npos);
    CHECK(json.find(R"("max":25.000,"mean":0.250})") != std::string::npos);

    const std::string text = FormatText(report);
    CHECK(text.find("\nlatency ms p50 2.") != std::string::npos);
    CHECK(text.find("\nsend lag ms p50 1.") != std::string::npos);
    CHECK(text.find(" max 30.000 mean 1.290\n") != std::string::npos);
    CHECK(text.find("\n  of which no free connection ms p50 0.000") != std::string::npos);
    CHECK(text.find(" max 25.000 mean 0.250\n") != std::string::npos);

    // A closed loop sends when the last answer came: there is no intended time to lag behind.
    options.rate = 0;
    CHECK(FormatJson(report).find("send_lag_ms") == std::string::npos);
    CHECK(FormatJson(report).find("connection_wait_ms") == std::string::npos);
    CHECK(FormatText(report).find("send lag") == std::string::npos);
    CHECK(FormatText(report).find("no free connection") == std::string::npos);
}

TEST_CASE("an open loop that could not send all its schedule says how much was left unsent", "[loadtest][report]") {
    LoadOptions options;
    options.rate = 100;
    RunResult result;
    result.measured_seconds = 1;
    result.offered = 70;
    const Report report{options, result, std::nullopt, ""};
    CHECK(FormatJson(report).find(R"("offered":70,"unsent":0,)") != std::string::npos);
    CHECK(FormatText(report).find("not sent") == std::string::npos);

    result.unsent = 30;
    const Report short_of_rate{options, result, std::nullopt, ""};
    CHECK(FormatJson(short_of_rate).find(R"("offered":70,"unsent":30,)") != std::string::npos);
    CHECK(FormatText(short_of_rate).find("\nwarning    30 scheduled requests were not sent before the run ended") !=
          std::string::npos);
}

TEST_CASE("the report's timeline gives each second's events and slowest answer, merged over threads",
          "[loadtest][report]") {
    RunResult result;
    result.stats.CountAnswerAt(0, 1, 2 * kMs);
    result.stats.CountAnswerAt(2, 1, 5 * kMs);
    result.stats.CountAnswerAt(2, 1, 3 * kMs);
    RunStats other_thread;
    other_thread.CountAnswerAt(1, 1, 7 * kMs);
    other_thread.CountAnswerAt(2, 1, 4 * kMs);
    result.stats.Merge(std::move(other_thread));
    const Report report{LoadOptions{}, result, std::nullopt, ""};

    const std::string json = FormatJson(report);
    CHECK(json.find(R"("events_per_second":[1,1,3],"max_latency_ms_per_second":[2.0,7.0,5.0])") != std::string::npos);
}

}  // namespace auditrail::load
