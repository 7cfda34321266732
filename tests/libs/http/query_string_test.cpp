#include <auditrail/http/query_string.hpp>

#include <catch2/catch.hpp>

namespace auditrail::http {

TEST_CASE("percent-encoding keeps unreserved characters and round-trips through ParseQuery", "[http]") {
    CHECK(PercentEncode("a-Z_0.9~") == "a-Z_0.9~");
    CHECK(PercentEncode("50% & x=y/é") == "50%25%20%26%20x%3Dy%2F%C3%A9");
    const std::string value = "2026-11-23T10:00:00+02:00 & more";
    const auto parsed = ParseQuery("from=" + PercentEncode(value));
    REQUIRE(parsed);
    REQUIRE(parsed->size() == 1);
    CHECK((*parsed)[0].second == value);
    CHECK_FALSE(ParseQuery("a=%4"));
}

}  // namespace auditrail::http
