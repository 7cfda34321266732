// auditrail-load --verify: a database not accepting connections yet is waited for, within a bound.
#include <auditrail/pg/errors.hpp>
#include <catch2/catch.hpp>
#include <loadtest/src/verify_pg.hpp>

#include <sstream>

namespace auditrail::load {

TEST_CASE("verifying waits a while for a database that refuses connections, says so once, then fails",
          "[loadtest][verify]") {
    // Port 1 on loopback: nothing listens there, so every attempt is refused at once.
    const std::string unreachable = "postgresql://127.0.0.1:1/auditrail";
    std::ostringstream log;
    CHECK_THROWS_AS(ConnectPatiently(unreachable, std::chrono::milliseconds(0), log), pg::ConnectionError);
    CHECK(log.str().empty());

    const auto began = std::chrono::steady_clock::now();
    CHECK_THROWS_AS(ConnectPatiently(unreachable, std::chrono::milliseconds(1200), log), pg::ConnectionError);
    CHECK(std::chrono::steady_clock::now() - began >= std::chrono::milliseconds(1200));
    const std::string told = log.str();
    CHECK(told.find("trying again for up to 1.2 s\n") != std::string::npos);
    CHECK(told.find('\n') == told.size() - 1);  // one line, however many attempts
}

}  // namespace auditrail::load
