#include <auditrail/events/time.hpp>
#include <auditrail/events/uuid.hpp>
#include <catch2/catch.hpp>
#include <set>
#include <string>

namespace auditrail::events {
namespace {

TEST_CASE("UUID text in either case is canonicalised to lower case", "[events][uuid]") {
    REQUIRE(CanonicalUuid("01936F6E-3F4A-7C8E-9D2B-5A1F0C3E7B21") == "01936f6e-3f4a-7c8e-9d2b-5a1f0c3e7b21");
    REQUIRE(CanonicalUuid("01936f6e-3f4a-7c8e-9d2b-5a1f0c3e7b21") == "01936f6e-3f4a-7c8e-9d2b-5a1f0c3e7b21");
    REQUIRE(CanonicalUuid("00000000-0000-0000-0000-000000000000") == "00000000-0000-0000-0000-000000000000");
}

TEST_CASE("text that is not an 8-4-4-4-12 UUID is refused", "[events][uuid]") {
    const std::string kBad[] = {
        "",
        "01936f6e3f4a7c8e9d2b5a1f0c3e7b21",        // no dashes
        "{01936f6e-3f4a-7c8e-9d2b-5a1f0c3e7b21}",  // braces
        "01936f6e-3f4a-7c8e-9d2b-5a1f0c3e7b2",     // short
        "01936f6e-3f4a-7c8e-9d2b-5a1f0c3e7b211",   // long
        "01936f6e-3f4a-7c8e-9d2b_5a1f0c3e7b21",    // wrong separator
        "01936f6e-3f4a-7c8e-9d2b-5a1f0c3e7b2g",    // not hex
        "01936f6e3-f4a-7c8e-9d2b-5a1f0c3e7b21",    // dash misplaced
        "-1936f6e-3f4a-7c8e-9d2b-5a1f0c3e7b21",
    };
    for (const std::string& text : kBad) {
        CAPTURE(text);
        REQUIRE_FALSE(CanonicalUuid(text).has_value());
        REQUIRE_FALSE(ParseUuid(text).has_value());
    }
}

TEST_CASE("UUID text is parsed into its sixteen bytes", "[events][uuid]") {
    const auto bytes = ParseUuid("01936F6E-3f4a-7c8e-9d2b-5a1f0c3e7b21");
    REQUIRE(bytes.has_value());
    const UuidBytes expected{0x01, 0x93, 0x6f, 0x6e, 0x3f, 0x4a, 0x7c, 0x8e,
                             0x9d, 0x2b, 0x5a, 0x1f, 0x0c, 0x3e, 0x7b, 0x21};
    REQUIRE(*bytes == expected);
}

TEST_CASE("a new UUIDv7 carries the time in milliseconds with version 7 and variant 10", "[events][uuid]") {
    const TimeUs now = *ParseRfc3339("2026-11-23T10:30:00.123456Z");
    const std::string id = NewUuidV7(now);
    REQUIRE(CanonicalUuid(id) == id);
    const UuidBytes bytes = *ParseUuid(id);
    std::uint64_t millis = 0;
    for (int i = 0; i < 6; ++i) millis = millis << 8 | bytes[i];
    REQUIRE(millis == static_cast<std::uint64_t>(now / 1000));
    REQUIRE((bytes[6] >> 4) == 7);
    REQUIRE((bytes[8] >> 6) == 0b10);
    REQUIRE(id[14] == '7');
}

TEST_CASE("new UUIDv7s are distinct and sort by their time", "[events][uuid]") {
    const TimeUs start = NowUs();
    std::set<std::string> seen;
    std::string previous;
    for (int i = 0; i < 10000; ++i) {
        // Every tenth id moves one millisecond on: the time prefix must sort with it.
        const std::string id = NewUuidV7(start + (i / 10) * 1000);
        REQUIRE(seen.insert(id).second);
        if (i % 10 == 0 && !previous.empty()) REQUIRE(id.substr(0, 13) > previous.substr(0, 13));
        previous = id;
    }
    REQUIRE(seen.size() == 10000);
}

}  // namespace
}  // namespace auditrail::events
