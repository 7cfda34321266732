// pg::Connection::ExecBinary and the typed getters of pg::Result against the server's own text of each value.
#include <support/pg_fixture.hpp>

#include <auditrail/events/time.hpp>
#include <auditrail/pg/connection.hpp>
#include <auditrail/pg/errors.hpp>

#include <catch2/catch.hpp>

#include <stdexcept>

namespace auditrail::test {

TEST_CASE("binary integers, dates and timestamps read as their text says", "[pg]") {
    auto db = Connect();
    const std::string sql =
        "SELECT v::int8, v::int4, v::int2, d, t, t::timestamp FROM (VALUES"
        " (0, DATE '1970-01-01', TIMESTAMPTZ '1970-01-01T00:00:00Z'),"
        " (-1, DATE '1969-12-31', TIMESTAMPTZ '1969-12-31T23:59:59.999999Z'),"
        " (32767, DATE '2000-01-01', TIMESTAMPTZ '2000-01-01T00:00:00Z'),"
        " (-32768, DATE '1999-12-31', TIMESTAMPTZ '1999-12-31T23:59:59.000001Z'),"
        " (1234, DATE '2026-12-03', TIMESTAMPTZ '2026-12-03T18:30:00.123456+01:00'),"
        " (-5, DATE '0001-01-01', TIMESTAMPTZ '0001-01-01T00:00:00Z'),"
        " (77, DATE '9999-12-31', TIMESTAMPTZ '9999-12-31T23:59:59.999999Z')) AS c(v, d, t)";
    const auto text = db->Exec("SET TIME ZONE 'UTC'; " + sql);
    const auto binary = db->ExecBinary(sql, {});
    REQUIRE(binary.Rows() == 7);
    for (int row = 0; row < binary.Rows(); ++row) {
        INFO("row " << row);
        for (int column = 0; column < 3; ++column) CHECK(binary.GetInt(row, column) == text.GetInt(row, column));
        const auto day = std::string(text.Get(row, 3));
        CHECK(events::FormatRfc3339(binary.GetDayNumber(row, 3) * 86'400'000'000LL).substr(0, 10) == day);
        std::string at_text(text.Get(row, 4));
        at_text[10] = 'T';  // the text form's ' ' between date and time
        const auto at = events::ParseRfc3339(at_text + ":00");
        REQUIRE(at);
        CHECK(binary.GetTimestampUs(row, 4) == *at);
        CHECK(binary.GetTimestampUs(row, 5) == *at);
    }
    // A binary value is read only by the getter of its type.
    CHECK_THROWS(binary.GetTimestampUs(0, 0));
    CHECK_THROWS(binary.GetDayNumber(0, 4));
    CHECK_THROWS(binary.GetInt(0, 3));
}

}  // namespace auditrail::test

namespace auditrail::test {

TEST_CASE("rows come one at a time, and a callback's exception or a server error leaves the connection usable",
          "[pg]") {
    auto db = Connect();
    std::int64_t sum = 0;
    int rows = 0;
    db->ForEachRow("SELECT g::int8 FROM generate_series(1, $1::int) AS g", {"1000"}, [&](const pg::Result& row) {
        REQUIRE(row.Rows() == 1);
        sum += row.GetInt(0, 0);
        ++rows;
    });
    CHECK(rows == 1000);
    CHECK(sum == 1000 * 1001 / 2);

    // A callback that throws at the third of ten million rows: the statement is cancelled, not read to its end.
    rows = 0;
    CHECK_THROWS_WITH(db->ForEachRow("SELECT g FROM generate_series(1, 10000000) AS g", {},
                                     [&](const pg::Result&) {
                                         if (++rows == 3) throw std::runtime_error("enough");
                                     }),
                      "enough");
    CHECK(rows == 3);
    CHECK(db->Exec("SELECT 1").GetInt(0, 0) == 1);

    // An error after some rows reaches the caller as the server's, with its SQLSTATE.
    rows = 0;
    try {
        db->ForEachRow("SELECT 10 / (5 - g) FROM generate_series(1, 10) AS g", {},
                       [&](const pg::Result&) { ++rows; });
        FAIL("a division by zero must throw");
    } catch (const pg::QueryError& error) {
        CHECK(error.sqlstate() == "22012");
    }
    CHECK(rows < 5);
    CHECK(db->Exec("SELECT 2").GetInt(0, 0) == 2);
}

}  // namespace auditrail::test
