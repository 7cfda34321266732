// Database URLs checked before any connection: the mistakes no retry can mend, said without repeating a password.
#include <auditrail/pg/connection.hpp>
#include <auditrail/pg/connection_string.hpp>
#include <auditrail/pg/errors.hpp>

#include <catch2/catch.hpp>

#include <string>

namespace auditrail::pg {

TEST_CASE("a database URL that no retry can mend is named as such", "[pg]") {
    CHECK(ConnectionStringProblem("postgresql://auditrail@127.0.0.1:5432/auditrail").empty());
    CHECK(ConnectionStringProblem("postgresql://u:p%40ss@db.example/x?sslmode=require&connect_timeout=3").empty());
    CHECK(ConnectionStringProblem("host=127.0.0.1 port=5432,5433 dbname=x").empty());
    CHECK(ConnectionStringProblem("postgresql://u:PW%ZZSECRET@127.0.0.1/x").find("is not a valid") == 0);
    CHECK(ConnectionStringProblem("postgresql://u@127.0.0.1:notaport/x").find("port") != std::string::npos);
    CHECK(ConnectionStringProblem("postgresql://u@127.0.0.1:70000/x").find("port") != std::string::npos);
    CHECK(ConnectionStringProblem("postgresql://u@127.0.0.1/x?sslmode=bogus").find("sslmode") != std::string::npos);
    CHECK(ConnectionStringProblem("postgresql://u@127.0.0.1/x?no_such_option=1").find("is not a valid") == 0);
    CHECK(ConnectionStringProblem("postgresql://u:TOPSECRET@h/x?sslmode=bogus").find("TOPSECRET") == std::string::npos);
}

TEST_CASE("a password never appears in a connection failure", "[pg]") {
    const std::string dsn = "postgresql://u:s%3Acret-PW@127.0.0.1:1/x";
    CHECK(WithoutPassword("could not use 's%3Acret-PW' or 's:cret-PW'", dsn) == "could not use '***' or '***'");
    try {
        Connection connection("postgresql://u:PW%ZZSECRET2@127.0.0.1:1/x");
        FAIL("connected");
    } catch (const ConnectionError& error) {
        const std::string message = error.what();
        CHECK(message.find("SECRET2") == std::string::npos);
        CHECK(message.find("not a valid libpq connection string") != std::string::npos);
    }
}

}  // namespace auditrail::pg
