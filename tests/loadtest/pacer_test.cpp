#include <algorithm>
#include <catch2/catch.hpp>
#include <loadtest/src/pacer.hpp>
#include <random>
#include <stdexcept>
#include <thread>
#include <vector>

namespace auditrail::load {
namespace {

TEST_CASE("slot k of a 1000/s schedule is due k milliseconds after the start", "[loadtest][pacer]") {
    const PaceSchedule schedule(1000);
    REQUIRE(schedule.OffsetNs(0) == 0);
    REQUIRE(schedule.OffsetNs(1) == 1'000'000);
    REQUIRE(schedule.OffsetNs(1000) == 1'000'000'000);
    REQUIRE(schedule.OffsetNs(3'600'000) == 3'600'000'000'000);
}

TEST_CASE("a rate that does not divide a second rounds each slot down, without drift", "[loadtest][pacer]") {
    const PaceSchedule schedule(3);
    REQUIRE(schedule.OffsetNs(1) == 333'333'333);
    REQUIRE(schedule.OffsetNs(2) == 666'666'666);
    REQUIRE(schedule.OffsetNs(3) == 1'000'000'000);
    // A billion slots at 70,000/s: computed from the slot number, not by adding rounded intervals.
    const PaceSchedule fast(70'000);
    REQUIRE(fast.OffsetNs(7'000'000'000) == 100'000'000'000'000);
    const PaceSchedule fractional(0.5);
    REQUIRE(fractional.OffsetNs(1) == 2'000'000'000);
}

TEST_CASE("slots due by a time agree with their offsets", "[loadtest][pacer]") {
    std::mt19937_64 random(3);
    for (double rate : {0.5, 1.0, 3.0, 7.3, 1000.0, 12345.6, 250000.0}) {
        const PaceSchedule schedule(rate);
        for (int i = 0; i < 2000; ++i) {
            const std::int64_t t = static_cast<std::int64_t>(random() % 100'000'000'000);
            const std::uint64_t due = schedule.SlotsDueBy(t);
            CAPTURE(rate, t, due);
            REQUIRE(due >= 1);
            REQUIRE(schedule.OffsetNs(due - 1) <= t);
            REQUIRE(schedule.OffsetNs(due) > t);
        }
    }
    REQUIRE(PaceSchedule(10).SlotsDueBy(-1) == 0);
}

TEST_CASE("a run offers rate × duration requests", "[loadtest][pacer]") {
    REQUIRE(PaceSchedule(1000).SlotsWithin(1'000'000'000) == 1000);  // slots 0..999; slot 1000 is at the end
    REQUIRE(PaceSchedule(1000).SlotsWithin(1'000'000'001) == 1001);
    REQUIRE(PaceSchedule(3).SlotsWithin(10'000'000'000) == 30);
    REQUIRE(PaceSchedule(2500).SlotsWithin(60'000'000'000) == 150'000);
    REQUIRE(PaceSchedule(1000).SlotsWithin(0) == 0);
}

TEST_CASE("a rate must be positive and finite", "[loadtest][pacer]") {
    REQUIRE_THROWS_AS(PaceSchedule(0), std::invalid_argument);
    REQUIRE_THROWS_AS(PaceSchedule(-5), std::invalid_argument);
    REQUIRE_THROWS_AS(PaceSchedule(std::numeric_limits<double>::infinity()), std::invalid_argument);
    REQUIRE_THROWS_AS(PaceSchedule(std::numeric_limits<double>::quiet_NaN()), std::invalid_argument);
}

TEST_CASE("the pacer hands out the scheduled times in order, then stops", "[loadtest][pacer]") {
    const auto start = Clock::time_point(std::chrono::seconds(100));
    Pacer pacer(100, start, std::chrono::milliseconds(50), 0);  // 100/s for 50 ms: 5 slots
    for (int i = 0; i < 5; ++i) {
        const auto next = pacer.Next(start);
        REQUIRE(next.has_value());
        REQUIRE(*next == start + std::chrono::milliseconds(10 * i));
    }
    REQUIRE_FALSE(pacer.Next(start).has_value());
    REQUIRE_FALSE(pacer.Next(start).has_value());
    REQUIRE(pacer.Offered() == 5);
    REQUIRE(pacer.Unsent() == 0);
}

TEST_CASE("once the duration is over the pacer hands out nothing more, and counts what was never sent",
          "[loadtest][pacer]") {
    const auto start = Clock::time_point(std::chrono::seconds(100));
    Pacer pacer(100, start, std::chrono::milliseconds(50), 0);  // 5 slots, due at 0, 10, ..., 40 ms
    REQUIRE(pacer.Next(start + std::chrono::milliseconds(30)) == start);  // late, but within the run: sent
    REQUIRE(pacer.Next(start + std::chrono::milliseconds(49)) == start + std::chrono::milliseconds(10));
    REQUIRE_FALSE(pacer.Next(start + std::chrono::milliseconds(50)).has_value());
    REQUIRE_FALSE(pacer.Next(start + std::chrono::milliseconds(51)).has_value());
    REQUIRE(pacer.Offered() == 2);
    REQUIRE(pacer.Unsent() == 3);
    // Bounded by requests only, it has no end.
    Pacer requests_only(100, start, Clock::duration::zero(), 2);
    REQUIRE(requests_only.Next(start + std::chrono::hours(1)).has_value());
    REQUIRE(requests_only.Next(start + std::chrono::hours(2)).has_value());
    REQUIRE_FALSE(requests_only.Next(start + std::chrono::hours(2)).has_value());
    REQUIRE(requests_only.Unsent() == 0);
}

TEST_CASE("the pacer honours a request bound, and needs at least one bound", "[loadtest][pacer]") {
    Pacer bounded(1000, Clock::now(), std::chrono::seconds(10), 3);
    int given = 0;
    while (bounded.Next(Clock::now())) ++given;
    REQUIRE(given == 3);
    Pacer requests_only(1000, Clock::now(), Clock::duration::zero(), 4);
    given = 0;
    while (requests_only.Next(Clock::now())) ++given;
    REQUIRE(given == 4);
    REQUIRE_THROWS_AS(Pacer(1000, Clock::now(), Clock::duration::zero(), 0), std::invalid_argument);
}

TEST_CASE("connections on several threads never get the same slot", "[loadtest][pacer]") {
    const auto start = Clock::time_point();
    Pacer pacer(1'000'000, start, std::chrono::milliseconds(100), 0);  // 100,000 slots, 1 µs apart
    std::vector<std::vector<Clock::time_point>> taken(4);
    std::vector<std::thread> threads;
    for (auto& mine : taken) {
        threads.emplace_back([&pacer, &mine, start] {
            while (auto next = pacer.Next(start)) mine.push_back(*next);
        });
    }
    for (auto& thread : threads) thread.join();
    std::vector<Clock::time_point> all;
    for (const auto& mine : taken) all.insert(all.end(), mine.begin(), mine.end());
    std::sort(all.begin(), all.end());
    REQUIRE(all.size() == 100'000);
    REQUIRE(std::adjacent_find(all.begin(), all.end()) == all.end());
    REQUIRE(all.front() == start);
    REQUIRE(all.back() == start + std::chrono::microseconds(99'999));
}

}  // namespace
}  // namespace auditrail::load
