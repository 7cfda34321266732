#include <support/ingest_harness.hpp>
#include <support/pg_fixture.hpp>

#include <src/partition_keeper.hpp>

#include <auditrail/pg/errors.hpp>

#include <catch2/catch.hpp>

namespace auditrail::test {
namespace {

bool IsAttached(pg::Connection& db, const std::string& name) {
    return db.Exec("SELECT 1 FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid "
                   "WHERE i.inhparent = 'events'::regclass AND c.relname = $1", {name})
               .Rows() == 1;
}

std::string MonthPartition(pg::Connection& db, const std::string& months_from_now) {
    return std::string(db.Exec("SELECT 'events_p' || to_char(date_trunc('month', now() AT TIME ZONE 'UTC') + "
                               "$1::int * interval '1 month', 'YYYYMM')", {months_from_now})
                           .Get(0, 0));
}

}  // namespace

TEST_CASE("maintenance makes partitions ahead and detaches those past retention", "[ingest][pg][partitions]") {
    auto db = Connect();
    // A partition 14 months back, as an old deployment would have (left detached by an earlier run: start over).
    const auto old_name = MonthPartition(*db, "-14");
    db->Exec("DROP TABLE IF EXISTS " + old_name);
    db->Exec("SELECT auditrail_ensure_month_partition(now() - interval '14 months')");
    const auto kept_name = MonthPartition(*db, "-11");
    db->Exec("SELECT auditrail_ensure_month_partition(now() - interval '11 months')");
    REQUIRE(IsAttached(*db, old_name));

    ingest::PartitionSettings settings;
    settings.database_url = DatabaseUrl();
    settings.months_ahead = 5;
    settings.retention_months = 12;
    ingest::PartitionKeeper keeper(settings);
    keeper.RunOnce();

    CHECK_FALSE(IsAttached(*db, old_name));
    CHECK(db->Exec("SELECT to_regclass($1) IS NOT NULL", {old_name}).Get(0, 0) == "t");  // detached, not dropped
    CHECK(IsAttached(*db, kept_name));
    CHECK(IsAttached(*db, MonthPartition(*db, "5")));

    SECTION("with drop, a detached-to-be partition is dropped") {
        const auto older = MonthPartition(*db, "-15");
        db->Exec("DROP TABLE IF EXISTS " + older);
        db->Exec("SELECT auditrail_ensure_month_partition(now() - interval '15 months')");
        REQUIRE(IsAttached(*db, older));
        settings.drop_old = true;
        ingest::PartitionKeeper dropper(settings);
        dropper.RunOnce();
        CHECK(db->Exec("SELECT to_regclass($1) IS NULL", {older}).Get(0, 0) == "t");
    }
}

TEST_CASE("a detached table with a month's partition name is named in the error, not taken for the partition",
          "[ingest][pg][partitions]") {
    auto db = Connect();
    // A month far ahead, whose partition is then detached by hand.
    const std::string month = "2098-07-15T00:00:00Z";
    db->Exec("DROP TABLE IF EXISTS events_p209807");
    db->Exec("SELECT auditrail_ensure_month_partition($1::timestamptz)", {month});
    db->Exec("ALTER TABLE events DETACH PARTITION events_p209807");
    try {
        db->Exec("SELECT auditrail_ensure_month_partition($1::timestamptz)", {month});
        FAIL("a detached table passed for the partition");
    } catch (const pg::QueryError& error) {
        CHECK(std::string(error.what()).find("events_p209807 exists but is not a partition of events") !=
              std::string::npos);
    }
    // Once it is gone (or renamed), the month gets its partition again.
    db->Exec("DROP TABLE events_p209807");
    CHECK(std::string(db->Exec("SELECT auditrail_ensure_month_partition($1::timestamptz)", {month}).Get(0, 0)) ==
          "events_p209807");
    CHECK(IsAttached(*db, "events_p209807"));
    db->Exec("DROP TABLE events_p209807");
}

TEST_CASE("maintenance gives up on a lock it cannot get rather than hold up the writes queued behind it",
          "[ingest][pg][partitions]") {
    auto db = Connect();
    const auto old_name = MonthPartition(*db, "-16");  // past retention: maintenance would detach it
    db->Exec("DROP TABLE IF EXISTS " + old_name);
    db->Exec("SELECT auditrail_ensure_month_partition(now() - interval '16 months')");
    ingest::PartitionSettings settings;
    settings.database_url = DatabaseUrl();
    settings.months_ahead = 3;
    settings.retention_months = 12;
    ingest::PartitionKeeper keeper(settings);
    REQUIRE(IsAttached(*db, old_name));

    auto reader = Connect();  // a long read of events, such as an export
    reader->Exec("BEGIN");
    reader->Exec("SELECT count(*) FROM events WHERE tenant = 'nobody'");
    try {
        keeper.RunOnce();
        FAIL("maintenance waited for the reader instead of giving up");
    } catch (const pg::QueryError& error) {
        CHECK(error.sqlstate() == "55P03");  // lock_not_available
    }
    CHECK(IsAttached(*db, old_name));
    reader->Exec("COMMIT");
    keeper.RunOnce();
    CHECK_FALSE(IsAttached(*db, old_name));
    db->Exec("DROP TABLE " + old_name);
}

TEST_CASE("a month ahead that cannot be made does not keep the ingest service from starting",
          "[ingest][pg][partitions]") {
    auto db = Connect();
    // 20 months ahead: inside this service's window (24), beyond the default one (3) that other tests use.
    const auto name = MonthPartition(*db, "20");
    db->Exec("DROP TABLE IF EXISTS " + name);
    db->Exec("SELECT auditrail_ensure_month_partition(now() + interval '20 months')");
    db->Exec("ALTER TABLE events DETACH PARTITION " + name);
    {
        IngestHarness ingest([](ingest::IngestConfig& config) { config.partitions.months_ahead = 24; });
        ingest.WaitReady();  // it used to end at start (std::terminate) on the keeper's error
        TestClient client(ingest.Port());
        const auto posted = PostEvents(client, TestToken(UniqueTenant("keeperfail"), "events:write"),
                                       R"({"action":"user.login"})");
        CHECK(posted.status == 201);
    }
    CHECK_FALSE(IsAttached(*db, name));
    db->Exec("DROP TABLE " + name);
}

}  // namespace auditrail::test
