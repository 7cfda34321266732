#include <auditrail/events/time.hpp>
#include <auditrail/events/uuid.hpp>
#include <catch2/catch.hpp>
#include <loadtest/src/verifier.hpp>

namespace auditrail::load {
namespace {

events::UuidBytes Id(std::uint8_t n) {
    events::UuidBytes id{};
    id[15] = n;
    return id;
}

TEST_CASE("the ledger folds ids acknowledged twice and counts them", "[loadtest][verify]") {
    IdLedger ledger;
    ledger.Add(Id(3));
    ledger.Append({Id(1), Id(2), Id(3), Id(3)});
    REQUIRE(ledger.Seal() == 2);
    REQUIRE(ledger.Ids() == std::vector<events::UuidBytes>{Id(1), Id(2), Id(3)});
    REQUIRE(ledger.Seal() == 0);
}

TEST_CASE("ids are copied as canonical UUID text, one a line", "[loadtest][verify]") {
    const std::string a = events::NewUuidV7(events::NowUs());
    const std::string b = "01936f6e-3f4a-7c8e-9d2b-5a1f0c3e7b21";
    REQUIRE(IdsAsCopyText({*events::ParseUuid(a), *events::ParseUuid(b)}) == a + "\n" + b + "\n");
    REQUIRE(IdsAsCopyText({}).empty());
}

TEST_CASE("every acknowledged id stored once passes", "[loadtest][verify]") {
    StoredCounts stored;
    stored.ids_by_multiplicity = {{1, 500}};
    stored.tenant_rows = 500;
    const Verdict v = Judge(500, 0, stored);
    REQUIRE(v.ok);
    REQUIRE(v.stored_once == 500);
    REQUIRE(v.missing == 0);
    REQUIRE(v.duplicated == 0);
    REQUIRE(v.unacknowledged == 0);
    REQUIRE(v.reason.empty());
}

TEST_CASE("rows stored without an acknowledgement are allowed and counted", "[loadtest][verify]") {
    // A request that timed out after its batch committed: stored, never acknowledged. Not a loss.
    StoredCounts stored;
    stored.ids_by_multiplicity = {{1, 500}};
    stored.tenant_rows = 503;
    const Verdict v = Judge(500, 0, stored);
    REQUIRE(v.ok);
    REQUIRE(v.unacknowledged == 3);
}

TEST_CASE("an acknowledged id that is not stored fails the run", "[loadtest][verify]") {
    StoredCounts stored;
    stored.ids_by_multiplicity = {{0, 2}, {1, 498}};
    stored.tenant_rows = 498;
    stored.sample_missing = {"01936f6e-3f4a-7c8e-9d2b-5a1f0c3e7b21"};
    const Verdict v = Judge(500, 0, stored);
    REQUIRE_FALSE(v.ok);
    REQUIRE(v.missing == 2);
    REQUIRE(v.unacknowledged == 0);
    REQUIRE(v.reason == "2 acknowledged events are missing");
    REQUIRE(v.sample_missing.size() == 1);
}

TEST_CASE("an acknowledged id stored twice fails the run", "[loadtest][verify]") {
    StoredCounts stored;
    stored.ids_by_multiplicity = {{1, 499}, {2, 1}};
    stored.tenant_rows = 501;
    const Verdict v = Judge(500, 0, stored);
    REQUIRE_FALSE(v.ok);
    REQUIRE(v.duplicated == 1);
    REQUIRE(v.unacknowledged == 0);  // the second copy is a duplicate, not an unacknowledged row
    REQUIRE(v.reason == "1 acknowledged events are stored more than once");
}

TEST_CASE("missing ids are reported before duplicated ones", "[loadtest][verify]") {
    StoredCounts stored;
    stored.ids_by_multiplicity = {{0, 1}, {1, 8}, {3, 1}};
    const Verdict v = Judge(10, 0, stored);
    REQUIRE_FALSE(v.ok);
    REQUIRE(v.missing == 1);
    REQUIRE(v.duplicated == 1);
    REQUIRE(v.reason == "1 acknowledged events are missing");
}

TEST_CASE("a run that acknowledged nothing has nothing to verify and fails", "[loadtest][verify]") {
    const Verdict v = Judge(0, 0, StoredCounts{});
    REQUIRE_FALSE(v.ok);
    REQUIRE(v.reason == "no event was acknowledged: nothing to verify");
}

TEST_CASE("an answer that does not cover every acknowledged id fails", "[loadtest][verify]") {
    StoredCounts stored;
    stored.ids_by_multiplicity = {{1, 9}};
    const Verdict v = Judge(10, 0, stored);
    REQUIRE_FALSE(v.ok);
    REQUIRE(v.reason == "the database answered for 9 ids, not the 10 acknowledged");
}

}  // namespace
}  // namespace auditrail::load
