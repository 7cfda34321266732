#include <src/other_actions_memory.hpp>

#include <auditrail/health/state.hpp>
#include <catch2/catch.hpp>

namespace auditrail::ingest {
namespace {

constexpr TimeUs kHour = 3'600'000'000;
const std::string kOther(health::kOtherActionsKey);

/// A delta with one bucket per (customer, first_at) of tenant "t" on day 10 under `action`.
HealthDelta DeltaOf(const std::vector<std::pair<std::int64_t, TimeUs>>& buckets, const std::string& action = kOther) {
    HealthDelta delta;
    for (const auto& [customer, first_at] : buckets) {
        delta.activity[{"t", customer, 10, action}] = {1, 0, first_at, first_at + kHour};
    }
    return delta;
}

}  // namespace

TEST_CASE("a bucket no earlier than what the writer committed for that customer and day is dropped",
          "[ingest][health]") {
    OtherActionsMemory memory;
    memory.Remember(DeltaOf({{1, 5 * kHour}}));
    auto later = DeltaOf({{1, 7 * kHour}, {2, 7 * kHour}});
    memory.DropKnown(later);
    REQUIRE(later.activity.size() == 1);
    CHECK(std::get<1>(later.activity.begin()->first) == 2);  // another customer: written

    auto earlier = DeltaOf({{1, 4 * kHour}});
    memory.DropKnown(earlier);
    CHECK(earlier.activity.size() == 1);  // an earlier event: written, so the stored first stays exact
    memory.Remember(earlier);
    auto between = DeltaOf({{1, 4 * kHour + 1}});
    memory.DropKnown(between);
    CHECK(between.activity.empty());

    // Another tenant, another day, or a counted action is never dropped.
    HealthDelta others;
    others.activity[{"u", 1, 10, kOther}] = {1, 0, 8 * kHour, 8 * kHour};
    others.activity[{"t", 1, 11, kOther}] = {1, 0, 8 * kHour, 8 * kHour};
    others.activity[{"t", 1, 10, "customer.login"}] = {1, 0, 8 * kHour, 8 * kHour};
    memory.DropKnown(others);
    CHECK(others.activity.size() == 3);
}

TEST_CASE("a full memory forgets what it knew, so the buckets are written again", "[ingest][health]") {
    OtherActionsMemory memory(2);
    memory.Remember(DeltaOf({{1, kHour}, {2, kHour}}));
    auto both = DeltaOf({{1, 2 * kHour}, {2, 2 * kHour}});
    memory.DropKnown(both);
    CHECK(both.activity.empty());

    memory.Remember(DeltaOf({{3, kHour}}));  // the third entry clears the two before it
    auto again = DeltaOf({{1, 2 * kHour}, {3, 2 * kHour}});
    memory.DropKnown(again);
    REQUIRE(again.activity.size() == 1);
    CHECK(std::get<1>(again.activity.begin()->first) == 1);
}

}  // namespace auditrail::ingest
