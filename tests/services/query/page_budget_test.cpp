#include <catch2/catch.hpp>
#include <src/page_budget.hpp>

namespace auditrail::query {

TEST_CASE("the page budget refuses what it has no room for and gets each hold back when it goes", "[query]") {
    PageBudget budget(100);
    auto first = budget.TryReserve(60);
    REQUIRE(first);
    CHECK_FALSE(budget.TryReserve(50));
    CHECK(budget.Used() == 60);
    first->Resize(10);  // the page turned out small
    auto second = budget.TryReserve(50);
    REQUIRE(second);
    CHECK(budget.Used() == 60);
    first.reset();
    second.reset();
    CHECK(budget.Used() == 0);
    CHECK(budget.TryReserve(100));
}

}  // namespace auditrail::query
