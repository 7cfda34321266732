// auditrail-load's measured window: rates are counted over the run's measured time, not up to its last 2xx answer.
#include <catch2/catch.hpp>
#include <loadtest/src/report.hpp>
#include <loadtest/src/run_window.hpp>

#include <string>

namespace auditrail::load {
namespace {

using std::chrono::milliseconds;

/// A run of `duration_ms` after a warm-up of `warmup_ms`, all its connections done at `finished_ms`.
RunTimes Run(int warmup_ms, int duration_ms, int finished_ms) {
    const Clock::time_point start{std::chrono::hours(1)};
    return {.start = start,
            .measure_from = start + milliseconds(warmup_ms),
            .deadline = duration_ms > 0 ? start + milliseconds(duration_ms) : Clock::time_point::max(),
            .request_bound_reached = false,
            .finished = start + milliseconds(finished_ms),
            .last_answer = {}};
}

}  // namespace

TEST_CASE("a run whose 2xx answers stopped halfway is measured to its end, not to its last answer",
          "[loadtest][report]") {
    // The reviewer's run: 20 s, PostgreSQL stopped at about 10 s, the rest answered with errors.
    RunTimes times = Run(0, 20000, 20004);
    times.last_answer = times.start + milliseconds(10210);
    CHECK(MeasuredSeconds(times) == Approx(20.0));
    CHECK(SecondsCovered(times) == 20);

    LoadOptions options;
    RunResult result;
    result.stats.ok_requests = 109'520;
    result.stats.ok_events = 109'520;
    result.measured_seconds = MeasuredSeconds(times);
    const std::string json = FormatJson(Report{options, result, std::nullopt, ""});
    CHECK(json.find(R"("measured_s":20.000,)") != std::string::npos);
    CHECK(json.find(R"("requests_per_s":5476.0,"events_per_s":5476.0,)") != std::string::npos);
}

TEST_CASE("an open loop whose schedule ended early is measured over its whole duration", "[loadtest][report]") {
    // --rate 0.1 --duration 1: one request at the start, answered after 6 ms; the run lasts its second.
    RunTimes times = Run(0, 1000, 7);
    times.last_answer = times.start + milliseconds(6);
    CHECK(MeasuredSeconds(times) == Approx(1.0));
    CHECK(SecondsCovered(times) == 1);
}

TEST_CASE("the measured window starts after the warm-up and ends with answers that came after the deadline",
          "[loadtest][report]") {
    RunTimes times = Run(3000, 20000, 20500);
    times.last_answer = times.start + milliseconds(20400);
    CHECK(MeasuredSeconds(times) == Approx(17.4));
    CHECK(SecondsCovered(times) == 21);

    // A request that timed out after the deadline answered nothing: it does not stretch the window.
    times.last_answer = times.start + milliseconds(19990);
    times.finished = times.start + milliseconds(50000);
    CHECK(MeasuredSeconds(times) == Approx(17.0));
}

TEST_CASE("a run ended by its request bound is measured until its last connection was done", "[loadtest][report]") {
    RunTimes times = Run(0, 10000, 500);
    times.request_bound_reached = true;
    times.last_answer = times.start + milliseconds(498);
    CHECK(MeasuredSeconds(times) == Approx(0.5));

    // --duration 0 --requests N: no deadline at all.
    times = Run(0, 0, 2500);
    times.request_bound_reached = true;
    CHECK(MeasuredSeconds(times) == Approx(2.5));
    CHECK(SecondsCovered(times) == 3);

    // Nothing measured: a warm-up longer than the run.
    times = Run(3000, 0, 2500);
    CHECK(MeasuredSeconds(times) == 0);
}

}  // namespace auditrail::load
