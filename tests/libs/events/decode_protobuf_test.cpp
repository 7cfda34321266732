// application/x-protobuf bodies, encoded by hand from proto-schemas/auditrail/v1/events.proto so that the
// test checks the wire format itself.
#include <auditrail/events/decode.hpp>

#include <catch2/catch.hpp>

namespace auditrail::events {
namespace {

constexpr TimeUs kNow = 1795420800LL * 1000000;  // 2026-11-23T00:00:00Z

/// A length-delimited field: tag (field << 3 | 2), a one-byte length, the bytes.
std::string Field(int number, const std::string& bytes) {
    REQUIRE(bytes.size() < 128);
    return std::string(1, static_cast<char>(number << 3 | 2)) + static_cast<char>(bytes.size()) + bytes;
}

/// A varint field holding a small non-negative integer.
std::string Varint(int number, int value) {
    REQUIRE(value < 128);
    return std::string(1, static_cast<char>(number << 3)) + static_cast<char>(value);
}

std::string Batch(const std::vector<std::string>& events) {
    std::string body;
    for (const auto& event : events) body += Field(1, event);
    return body;
}

}  // namespace

TEST_CASE("a protobuf EventBatch decodes with the JSON rules and defaults", "[events][protobuf]") {
    const std::string first = Field(4, "user.login") + Field(6, Field(1, "jdoe") + Field(4, "10.0.0.1")) +
                              Varint(7, 42) + Field(11, R"({"mfa":true})");
    const std::string second = Field(1, "7d444840-9dc0-11d1-b245-5ffdce74fad2") + Field(4, "invoice.viewed");
    const auto result = DecodeProtobuf(Batch({first, second}), kNow, DecodeLimits{});
    REQUIRE(result.status == DecodeStatus::kOk);
    REQUIRE(result.events.size() == 2);
    CHECK(result.events[0].action == "user.login");
    CHECK(result.events[0].actor_id == "jdoe");
    CHECK(result.events[0].actor_ip == "10.0.0.1");
    CHECK(result.events[0].customer_id == 42);
    CHECK(result.events[0].data == R"({"mfa":true})");
    CHECK(result.events[0].category == "general");
    CHECK(result.events[0].occurred_at == kNow);
    CHECK(result.events[1].id == "7d444840-9dc0-11d1-b245-5ffdce74fad2");
}

TEST_CASE("a protobuf event breaking a rule is refused with its index and field", "[events][protobuf]") {
    const std::string good = Field(4, "ok.event");
    const std::string bad = Field(4, "bad action!") + Field(6, Field(4, "not-an-ip"));
    const auto result = DecodeProtobuf(Batch({good, bad}), kNow, DecodeLimits{});
    REQUIRE(result.status == DecodeStatus::kValidationFailed);
    CHECK(result.events.empty());
    REQUIRE(result.errors.size() == 2);
    CHECK(result.errors[0].index == 1);
    CHECK(result.errors[0].field == "action");
    CHECK(result.errors[1].field == "actor.ip");
}

TEST_CASE("bytes that are not an EventBatch are invalid_protobuf, an empty batch is refused", "[events][protobuf]") {
    CHECK(DecodeProtobuf("\xff\xff\xff", kNow, DecodeLimits{}).status == DecodeStatus::kInvalidProtobuf);
    CHECK(DecodeProtobuf("", kNow, DecodeLimits{}).status == DecodeStatus::kValidationFailed);
    DecodeLimits limits;
    limits.max_events = 1;
    CHECK(DecodeProtobuf(Batch({Field(4, "a"), Field(4, "b")}), kNow, limits).status == DecodeStatus::kTooManyEvents);
}

TEST_CASE("a field the schema does not define is refused, not dropped, at every level", "[events][protobuf]") {
    const std::vector<std::pair<std::string, std::string>> bodies = {
        {Batch({Field(4, "a") + Field(15, "lost")}), "event 0 has field 15"},
        {Batch({Field(4, "a"), Field(4, "b") + Varint(12, 1)}), "event 1 has field 12"},
        {Batch({Field(4, "a")}) + Field(2, "x"), "the EventBatch has field 2"},
        {Batch({Field(4, "a") + Field(6, Field(1, "jdoe") + Field(9, "x"))}), "event 0's actor has field 9"},
        {Batch({Field(4, "a") + Field(9, Field(3, "x"))}), "event 0's resource has field 3"},
    };
    for (const auto& [body, where] : bodies) {
        CAPTURE(where);
        const auto result = DecodeProtobuf(body, kNow, DecodeLimits{});
        CHECK(result.status == DecodeStatus::kInvalidProtobuf);
        CHECK(result.detail == where + ", which auditrail.v1 does not define");
    }
}

TEST_CASE("protobuf data_json must be a JSON object", "[events][protobuf]") {
    const auto array = DecodeProtobuf(Batch({Field(4, "a") + Field(11, "[1,2]")}), kNow, DecodeLimits{});
    CHECK(array.status == DecodeStatus::kValidationFailed);
    const auto broken = DecodeProtobuf(Batch({Field(4, "a") + Field(11, "{nope")}), kNow, DecodeLimits{});
    CHECK(broken.status == DecodeStatus::kInvalidJson);
    // More than one JSON value: pasted into the event as it is, it would set the event's own fields.
    for (const std::string data : {R"({}, "occurred_at": "2026-11-20T00:00:00Z")", R"({"a":1} {"b":2})", ""}) {
        CAPTURE(data);
        const auto result = DecodeProtobuf(Batch({Field(4, "a") + Field(11, data)}), kNow, DecodeLimits{});
        CHECK(result.status == DecodeStatus::kInvalidJson);
        CHECK(result.events.empty());
    }
}

}  // namespace auditrail::events
