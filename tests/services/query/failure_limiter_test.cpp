#include <catch2/catch.hpp>
#include <src/failure_limiter.hpp>
#include <src/form_body.hpp>

namespace auditrail::query {

TEST_CASE("a key is blocked after its failures fill the window, until the oldest leaves it", "[identity]") {
    using namespace std::chrono_literals;
    FailureLimiter limiter(3, 60s, 100);
    const auto start = FailureLimiter::Clock::time_point{} + 1h;
    CHECK_FALSE(limiter.TakeAttempt("a", start));
    CHECK_FALSE(limiter.TakeAttempt("a", start + 10s));
    CHECK_FALSE(limiter.TakeAttempt("a", start + 20s));
    REQUIRE(limiter.TakeAttempt("a", start + 21s));
    CHECK(*limiter.TakeAttempt("a", start + 21s) == 39s);
    CHECK_FALSE(limiter.TakeAttempt("b", start + 21s));
    CHECK_FALSE(limiter.TakeAttempt("a", start + 60s));  // the first failure has left the window
    limiter.Reset("a");
    limiter.Reset("b");
    CHECK(limiter.Tracked() == 0);
}

TEST_CASE("a key as long as a request body is kept in 32 bytes, and still counted as itself", "[identity]") {
    FailureLimiter limiter(2, std::chrono::minutes(15), 100);
    const auto now = FailureLimiter::Clock::time_point{} + std::chrono::hours(1);
    const std::string long_email = "user:" + std::string(1 << 20, 'a') + "@example.com";
    CHECK_FALSE(limiter.TakeAttempt(long_email, now));
    CHECK_FALSE(limiter.TakeAttempt(long_email, now));
    CHECK(limiter.TakeAttempt(long_email, now));
    CHECK_FALSE(limiter.TakeAttempt(long_email + "x", now));
    CHECK(limiter.Tracked() == 2);
    CHECK(limiter.KeyBytes() == 64);
    limiter.Reset(long_email);
    CHECK(limiter.Tracked() == 1);
}

TEST_CASE("an attempt is counted when it is taken, so that no more than the limit can be under way", "[identity]") {
    FailureLimiter limiter(5, std::chrono::minutes(15), 100);
    const auto now = FailureLimiter::Clock::time_point{} + std::chrono::hours(1);
    int allowed = 0;
    for (int i = 0; i < 12; ++i) allowed += limiter.TakeAttempt("k", now) ? 0 : 1;  // twelve at once
    CHECK(allowed == 5);
    CHECK(limiter.TakeAttempt("k", now) == std::chrono::seconds(900));
    limiter.Refund("k");  // one was no failure after all
    CHECK_FALSE(limiter.TakeAttempt("k", now));
    CHECK(limiter.TakeAttempt("k", now));
    limiter.Reset("k");
    CHECK_FALSE(limiter.TakeAttempt("k", now));
}

TEST_CASE("the failure limiter forgets the stalest key when full", "[identity]") {
    using namespace std::chrono_literals;
    FailureLimiter limiter(1, 60s, 2);
    const auto start = FailureLimiter::Clock::time_point{} + 1h;
    CHECK_FALSE(limiter.TakeAttempt("old", start));
    CHECK_FALSE(limiter.TakeAttempt("mid", start + 1s));
    CHECK_FALSE(limiter.TakeAttempt("new", start + 2s));
    CHECK(limiter.Tracked() == 2);
    CHECK(limiter.TakeAttempt("new", start + 3s));
    CHECK_FALSE(limiter.TakeAttempt("old", start + 3s));  // forgotten: a fresh budget
}

TEST_CASE("HTTP Basic client credentials are form-urlencoded inside base64", "[identity]") {
    // "cl%3Aa:s+%25x" is the Basic value of client "cl:a" with secret "s %x" (RFC 6749 §2.3.1).
    const auto parsed = ParseBasic("Basic Y2wlM0FhOnMrJTI1eA==");
    REQUIRE(parsed);
    CHECK(parsed->user == "cl:a");
    CHECK(parsed->password == "s %x");
    CHECK(ParseBasic("basic dTpw")->user == "u");
    CHECK_FALSE(ParseBasic("Basic !!!!"));
    CHECK_FALSE(ParseBasic("Basic dXNlcg=="));  // no colon
    CHECK_FALSE(ParseBasic("Bearer dTpw"));
    CHECK_FALSE(ParseForm("a=1&a=2"));
    CHECK(ParseForm("a=1&b=2")->size() == 2);
}

TEST_CASE("a form of more fields than any of ours is refused before its fields are compared", "[query]") {
    std::string fields;
    for (std::size_t i = 0; i < kMaxFormFields; ++i) {
        fields += i ? "&f" : "f";
        fields += std::to_string(i);
        fields += '=';
    }
    CHECK(ParseForm(fields)->size() == kMaxFormFields);
    CHECK_FALSE(ParseForm(fields + "&last="));
    // The reviewer's body: 130,000 fields in 840 KB took 14 s of a worker thread; refused at once now.
    std::string flood;
    for (int i = 0; i < 130000; ++i) {
        if (i) flood += '&';
        flood += std::to_string(i);
        flood += '=';
    }
    CHECK_FALSE(ParseForm(flood));
}

}  // namespace auditrail::query
