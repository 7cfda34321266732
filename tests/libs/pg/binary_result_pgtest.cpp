// pg::Connection::ExecBinary and the typed getters of pg::Result against the server's own text of each value.
#include <support/pg_fixture.hpp>

#include <auditrail/events/time.hpp>
#include <auditrail/pg/connection.hpp>

#include <catch2/catch.hpp>

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
        const auto at = events::ParseRfc3339(std::string(text.Get(row, 4)).replace(10, 1, "T") + ":00");
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
