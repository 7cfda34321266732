// Header values as RFC 9110 reads them: media types and their parameters, case and optional whitespace.
#include <auditrail/http/header_values.hpp>

#include <catch2/catch.hpp>

namespace auditrail::http {

TEST_CASE("a Content-Type names its media type whatever its case, spaces and parameters", "[http]") {
    CHECK(IsMediaType("application/json", "application/json"));
    CHECK(IsMediaType("Application/JSON ; charset=utf-8", "application/json"));
    CHECK_FALSE(IsMediaType("application/jsonx", "application/json"));
    CHECK_FALSE(IsMediaType("application/jso", "application/json"));
    CHECK_FALSE(IsMediaType("", "application/json"));
    CHECK(MediaTypeOf(" Text/Plain ;q=1") == "text/plain");
    CHECK(MediaTypeParameter(R"(application/json; Charset="UTF-8")", "charset") == "UTF-8");
    CHECK(MediaTypeParameter("application/json;a=1; charset = latin-1", "charset") == "latin-1");
    CHECK(MediaTypeParameter("application/json", "charset").empty());
    CHECK(EqualsIgnoringCase("Respond-Async", "respond-async"));
    CHECK_FALSE(EqualsIgnoringCase("respond-async-not", "respond-async"));
    CHECK(TrimmedOws(" \tx y\t ") == "x y");
    CHECK(AsciiLower("Same-ORIGIN") == "same-origin");
}

}  // namespace auditrail::http
