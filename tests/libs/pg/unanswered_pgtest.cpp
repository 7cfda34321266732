// pg::Connection against a server that does not answer: libpq alone would wait for ever.
#include <support/pg_fixture.hpp>

#include <auditrail/pg/connection.hpp>
#include <auditrail/pg/errors.hpp>
#include <auditrail/pg/pool.hpp>

#include <catch2/catch.hpp>
#include <libpq-fe.h>

#include <chrono>
#include <string>

namespace auditrail::test {
namespace {

std::string ConnectTimeoutOf(pg::Connection& connection) {
    std::string value;
    PQconninfoOption* options = PQconninfo(connection.Raw());
    for (PQconninfoOption* option = options; option && option->keyword; ++option) {
        if (std::string(option->keyword) == "connect_timeout" && option->val) value = option->val;
    }
    PQconninfoFree(options);
    return value;
}

}  // namespace

TEST_CASE("a call past its answer deadline ends the connection with ConnectionError", "[pg]") {
    pg::Connection connection(DatabaseUrl());
    connection.SetAnswerDeadline(std::chrono::milliseconds(300));
    // The sleep stands for a server that stopped answering: without the deadline the call would return after 60 s.
    CHECK_THROWS_WITH(connection.Exec("SELECT pg_sleep(60)"),
                      "query failed: PostgreSQL did not answer within 300 ms; the connection was ended");
    CHECK(connection.IsBroken());

    pg::Connection fresh(DatabaseUrl());
    fresh.SetAnswerDeadline(std::chrono::milliseconds(5000));
    CHECK(fresh.Exec("SELECT 1").GetInt(0, 0) == 1);  // a call that answers in time is untouched
}

TEST_CASE("connections wait at most 10 s for the server at connect, unless the URL says otherwise", "[pg]") {
    pg::Connection plain(DatabaseUrl());
    CHECK(ConnectTimeoutOf(plain) == "10");
    pg::Connection own(DatabaseUrl() + "?connect_timeout=3");
    CHECK(ConnectTimeoutOf(own) == "3");
}

TEST_CASE("a pool's connections carry its answer deadline, whatever an earlier lease set", "[pg]") {
    pg::PoolSettings settings;
    settings.dsn = DatabaseUrl();
    settings.max_size = 1;
    settings.answer_deadline = std::chrono::milliseconds(300);
    pg::Pool pool(settings);
    {
        auto lease = pool.Acquire();
        lease->SetAnswerDeadline(std::chrono::minutes(10));  // as an export does
        CHECK(lease->Exec("SELECT 1").GetInt(0, 0) == 1);
    }
    auto lease = pool.Acquire();  // the same connection, back from the pool
    CHECK_THROWS_AS(lease->Exec("SELECT pg_sleep(60)"), pg::ConnectionError);
}

}  // namespace auditrail::test
