// pg::Connection::ExecPipeline, ExecThenCopyIn and pg::BinaryArray against a real server: what they send is what
// is stored, and a failure part-way leaves the connection usable and nothing half-done.
#include <support/pg_fixture.hpp>

#include <auditrail/pg/binary_array.hpp>
#include <auditrail/pg/connection.hpp>
#include <auditrail/pg/errors.hpp>

#include <catch2/catch.hpp>

#include <chrono>
#include <string>
#include <vector>

namespace auditrail::test {
namespace {

using Of = pg::BinaryArray::Of;

pg::Params Finished(const std::vector<pg::BinaryArray>& arrays) {
    pg::Params params;
    for (const auto& array : arrays) params.emplace_back(array.Finish());
    return params;
}

std::string TableFor(const std::string& what) { return "pipeline_test_" + what; }

/// TableFor(what), new and empty with `columns` (dropped first if an earlier run left it).
std::string FreshTable(pg::Connection& db, const std::string& what, const std::string& columns) {
    const std::string table = TableFor(what);
    db.Exec("DROP TABLE IF EXISTS " + table + "; CREATE TABLE " + table + " (" + columns + ")");
    return table;
}

}  // namespace

TEST_CASE("binary arrays arrive as the values they were built from", "[pg][pipeline]") {
    auto db = Connect();
    std::vector<pg::BinaryArray> arrays{pg::BinaryArray(Of::kText), pg::BinaryArray(Of::kInt8),
                                        pg::BinaryArray(Of::kDate), pg::BinaryArray(Of::kTimestampTz)};
    arrays[0].Text("plain");
    arrays[0].Text("quote \" backslash \\ comma , brace } and ü");
    arrays[0].Null();
    arrays[1].Int8(-9'223'372'036'854'775'807LL);
    arrays[1].Int8(42);
    arrays[1].Null();
    arrays[2].Date(0);            // 1970-01-01
    arrays[2].Date(20'425);       // 2025-12-03
    arrays[2].Date(-1);           // 1969-12-31
    arrays[3].TimestampUs(0);
    arrays[3].OptionalTimestampUs(1'764'772'245'123'456LL);  // 2025-12-03T14:30:45.123456Z
    arrays[3].OptionalTimestampUs(std::nullopt);
    const std::string sql =
        "SELECT a::text, b::text, c::text, d::text FROM unnest($1::text[], $2::int8[], $3::date[], "
        "$4::timestamptz[]) WITH ORDINALITY AS u(a, b, c, d, n) ORDER BY n";
    const std::string table = FreshTable(*db, "arrays", "a text, b text, c text, d text");
    const std::string insert = "INSERT INTO " + table + " " + sql;
    db->ExecPipeline({{"pipeline_test_arrays", &insert, Finished(arrays), true}});
    const auto rows = db->Exec("SELECT coalesce(a, 'NULL'), coalesce(b, 'NULL'), c, coalesce(d, 'NULL') FROM " + table);
    REQUIRE(rows.Rows() == 3);
    CHECK(rows.Get(0, 0) == "plain");
    CHECK(rows.Get(1, 0) == "quote \" backslash \\ comma , brace } and ü");
    CHECK(rows.Get(2, 0) == "NULL");
    CHECK(rows.Get(0, 1) == "-9223372036854775807");
    CHECK(rows.Get(1, 1) == "42");
    CHECK(rows.Get(2, 1) == "NULL");
    CHECK(rows.Get(0, 2) == "1970-01-01");
    CHECK(rows.Get(1, 2) == "2025-12-03");
    CHECK(rows.Get(2, 2) == "1969-12-31");
    CHECK(rows.Get(0, 3) == "1970-01-01 00:00:00+00");
    CHECK(rows.Get(1, 3) == "2025-12-03 14:30:45.123456+00");
    CHECK(rows.Get(2, 3) == "NULL");

    // An empty array is an array with no elements, not NULL.
    const std::string count = "SELECT count(*) FROM unnest($1::int8[])";
    std::vector<pg::BinaryArray> empty{pg::BinaryArray(Of::kInt8)};
    db->Exec("TRUNCATE " + table);
    const std::string insert_count = "INSERT INTO " + table + " (a) " + count;
    db->ExecPipeline({{"", &insert_count, Finished(empty), true}});
    CHECK(db->Exec("SELECT a FROM " + table).Get(0, 0) == "0");
    db->Exec("DROP TABLE " + table);
}

TEST_CASE("a pipeline runs its statements in order in one transaction, and a failure stops the rest",
          "[pg][pipeline]") {
    auto db = Connect();
    const std::string table = FreshTable(*db, "order", "n int8 PRIMARY KEY");
    const std::string insert = "INSERT INTO " + table + " SELECT unnest($1::int8[])";
    const std::string commit = "COMMIT";
    const auto numbers = [](std::initializer_list<std::int64_t> values) {
        pg::BinaryArray array(Of::kInt8);
        for (auto value : values) array.Int8(value);
        return pg::Params{array.Finish()};
    };

    db->Exec("BEGIN");
    db->ExecPipeline({{"pipeline_test_insert", &insert, numbers({1, 2}), true},
                      {"pipeline_test_insert", &insert, numbers({3}), true},
                      {"", &commit, {}, false}});
    CHECK(db->Exec("SELECT count(*) FROM " + table).GetInt(0, 0) == 3);

    // The second statement breaks the key: the first is rolled back with it and COMMIT is skipped.
    db->Exec("BEGIN");
    try {
        db->ExecPipeline({{"pipeline_test_insert", &insert, numbers({4}), true},
                          {"pipeline_test_insert", &insert, numbers({1}), true},
                          {"", &commit, {}, false}});
        FAIL("a duplicate key was accepted");
    } catch (const pg::QueryError& error) {
        CHECK(error.IsUniqueViolation());
    }
    // Out of pipeline mode, in the aborted transaction: the next statement is refused until ROLLBACK.
    try {
        db->Exec("SELECT 1");
        FAIL("the transaction was not left aborted");
    } catch (const pg::QueryError& error) {
        CHECK(error.sqlstate() == "25P02");
    }
    db->Exec("ROLLBACK");
    CHECK(db->Exec("SELECT count(*) FROM " + table).GetInt(0, 0) == 3);

    // A statement that cannot be prepared is not remembered as prepared: the next pipeline prepares it again.
    const std::string broken = "INSERT INTO " + TableFor("missing") + " SELECT unnest($1::int8[])";
    CHECK_THROWS_AS(db->ExecPipeline({{"pipeline_test_broken", &broken, numbers({5}), true}}), pg::QueryError);
    db->Exec("CREATE TABLE " + TableFor("missing") + " (n int8)");
    db->ExecPipeline({{"pipeline_test_broken", &broken, numbers({5}), true}});
    CHECK(db->Exec("SELECT n FROM " + TableFor("missing")).GetInt(0, 0) == 5);
    db->Exec("DROP TABLE " + table + ", " + TableFor("missing"));
}

TEST_CASE("statements and a COPY in one query: the rows of the statements, then the COPY's", "[pg][pipeline]") {
    auto db = Connect();
    const std::string table = FreshTable(*db, "copy", "n int8 PRIMARY KEY, s text");
    const std::string copy = "COPY " + table + " FROM STDIN";

    const auto slot = db->ExecThenCopyIn("BEGIN; SELECT 7 AS slot", copy, "1\tone\n2\ttwo\n");
    REQUIRE(slot.Rows() == 1);
    CHECK(slot.GetInt(0, 0) == 7);
    db->Exec("COMMIT");
    CHECK(db->Exec("SELECT string_agg(s, ',' ORDER BY n) FROM " + table).Get(0, 0) == "one,two");

    // A duplicate key in the data: the COPY fails inside the transaction, which is left to roll back.
    try {
        db->ExecThenCopyIn("BEGIN", copy, "3\tthree\n1\tagain\n");
        FAIL("a duplicate key was accepted");
    } catch (const pg::QueryError& error) {
        CHECK(error.IsUniqueViolation());
    }
    db->Exec("ROLLBACK");
    // A failing leading statement: no COPY is started, and the connection answers the next query.
    CHECK_THROWS_AS(db->ExecThenCopyIn("SELECT no_such_column", copy, "4\tfour\n"), pg::QueryError);
    CHECK(db->Exec("SELECT count(*) FROM " + table).GetInt(0, 0) == 2);
    db->Exec("DROP TABLE " + table);
}

TEST_CASE("a pipeline slow to answer calls its slow-answer hook once, then still reads every result",
          "[pg][pipeline]") {
    auto db = Connect();
    const std::string table = FreshTable(*db, "slow", "n int8");
    const std::string sleep_then_insert = "INSERT INTO " + table + " SELECT 1 FROM pg_sleep(0.2)";
    const std::string insert = "INSERT INTO " + table + " VALUES (2)";
    int calls = 0;
    const pg::Connection::SlowAnswer soon{std::chrono::milliseconds(20), [&] { ++calls; }};
    db->ExecPipeline({{"", &sleep_then_insert, {}, false}, {"", &insert, {}, false}}, &soon);
    CHECK(calls == 1);
    CHECK(db->Exec("SELECT count(*) FROM " + table).GetInt(0, 0) == 2);

    const pg::Connection::SlowAnswer late{std::chrono::seconds(30), [&] { ++calls; }};
    db->ExecPipeline({{"", &insert, {}, false}}, &late);
    CHECK(calls == 1);
    CHECK(db->Exec("SELECT count(*) FROM " + table).GetInt(0, 0) == 3);
    db->Exec("DROP TABLE " + table);
}

}  // namespace auditrail::test
