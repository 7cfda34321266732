#include <auditrail/events/decode.hpp>
#include <auditrail/events/time.hpp>
#include <auditrail/events/uuid.hpp>
#include <catch2/catch.hpp>
#include <set>
#include <string>

#include "event_bodies.hpp"

namespace auditrail::events {
namespace {

using testing::Describe;
using testing::EventWith;
using testing::HasError;
using testing::kNow;
using testing::NestedObjects;
using testing::Repeat;

constexpr std::string_view kExample = R"({
  "id": "01936F6E-3F4A-7C8E-9D2B-5A1F0C3E7B21",
  "occurred_at": "2026-11-23T10:30:00.123Z",
  "category": "authenticate",
  "action": "user.login",
  "outcome": "failure",
  "actor": {"id": "jdoe", "type": "user", "name": "Jane Doe",
            "ip": "192.168.1.10", "user_agent": "Mozilla/5.0"},
  "customer_id": 5001,
  "store_id": 101,
  "resource": {"type": "session", "id": "s-42"},
  "message": "User logged in successfully",
  "data": {"browser": "Chrome", "mfa": true}
})";

DecodeResult Json(std::string_view body, const DecodeLimits& limits = {}) { return DecodeJson(body, kNow, limits); }
DecodeResult Ndjson(std::string_view body, const DecodeLimits& limits = {}) { return DecodeNdjson(body, kNow, limits); }

TEST_CASE("the API.md example event is decoded field by field", "[events][decode]") {
    const DecodeResult result = Json(kExample);
    INFO(Describe(result));
    REQUIRE(result.status == DecodeStatus::kOk);
    REQUIRE(result.events.size() == 1);
    const Event& event = result.events[0];
    CHECK(event.id == "01936f6e-3f4a-7c8e-9d2b-5a1f0c3e7b21");
    CHECK(event.occurred_at == *ParseRfc3339("2026-11-23T10:30:00.123Z"));
    CHECK(event.category == "authenticate");
    CHECK(event.action == "user.login");
    CHECK(event.outcome == "failure");
    CHECK(event.actor_id == "jdoe");
    CHECK(event.actor_type == "user");
    CHECK(event.actor_name == "Jane Doe");
    CHECK(event.actor_ip == "192.168.1.10");
    CHECK(event.actor_user_agent == "Mozilla/5.0");
    CHECK(event.customer_id == 5001);
    CHECK(event.store_id == 101);
    CHECK(event.resource_type == "session");
    CHECK(event.resource_id == "s-42");
    CHECK(event.message == "User logged in successfully");
    CHECK(event.data == R"({"browser":"Chrome","mfa":true})");
    CHECK(result.detail.empty());
}

TEST_CASE("a minimal event gets a UUIDv7 and the time of receipt and the defaults", "[events][decode]") {
    const DecodeResult result = Json(R"({"action":"user.login"})");
    REQUIRE(result.status == DecodeStatus::kOk);
    const Event& event = result.events.at(0);
    const UuidBytes id = *ParseUuid(event.id);
    CHECK((id[6] >> 4) == 7);
    CHECK(event.id.substr(0, 8) == NewUuidV7(kNow).substr(0, 8));
    CHECK(event.occurred_at == kNow);
    CHECK(event.category == "general");
    CHECK(event.outcome == "success");
    CHECK_FALSE(event.actor_id.has_value());
    CHECK_FALSE(event.actor_ip.has_value());
    CHECK_FALSE(event.customer_id.has_value());
    CHECK_FALSE(event.store_id.has_value());
    CHECK_FALSE(event.resource_type.has_value());
    CHECK_FALSE(event.message.has_value());
    CHECK_FALSE(event.data.has_value());
}

TEST_CASE("without occurred_at, a UUIDv7 id of the last day gives its time, so a retry is the same event",
          "[events][decode]") {
    constexpr TimeUs kHourUs = 3'600'000'000;
    const auto occurred = [](const std::string& id, TimeUs now) {
        const DecodeResult result = DecodeJson(R"({"action":"a","id":")" + id + R"("})", now, {});
        REQUIRE(result.status == DecodeStatus::kOk);
        return result.events.at(0).occurred_at;
    };
    const std::string recent = NewUuidV7(kNow - kHourUs);
    const TimeUs id_time = (kNow - kHourUs) / 1000 * 1000;
    CHECK(occurred(recent, kNow) == id_time);
    CHECK(occurred(recent, kNow + 10'000'000) == id_time);  // retried 10 s later: the same
    // Other ids, or a UUIDv7 far from now, leave the time of receipt.
    CHECK(occurred("7d3c1e2a-1111-4a2b-8c3d-000000000042", kNow) == kNow);  // version 4
    CHECK(occurred(NewUuidV7(kNow - 25 * kHourUs), kNow) == kNow);
    CHECK(occurred(NewUuidV7(kNow + kHourUs), kNow) == kNow);
    CHECK(UuidV7Time(recent) == id_time);
    CHECK_FALSE(UuidV7Time("7d3c1e2a-1111-4a2b-8c3d-000000000042"));
}

TEST_CASE("null for an optional field is the same as leaving it out", "[events][decode]") {
    const DecodeResult result = Json(
        R"({"action":"a","id":null,"occurred_at":null,"category":null,"outcome":null,"actor":null,"customer_id":null,)"
        R"("store_id":null,"resource":null,"message":null,"data":null})");
    INFO(Describe(result));
    REQUIRE(result.status == DecodeStatus::kOk);
    const Event& event = result.events.at(0);
    CHECK(event.category == "general");
    CHECK(event.outcome == "success");
    CHECK(event.occurred_at == kNow);
    CHECK_FALSE(event.data.has_value());
    CHECK_FALSE(event.customer_id.has_value());
}

TEST_CASE("occurred_at may be Unix seconds with a fraction", "[events][decode]") {
    CHECK(Json(EventWith(R"("occurred_at":1795429800)")).events.at(0).occurred_at == 1795429800LL * 1000000);
    CHECK(Json(EventWith(R"("occurred_at":1795429800.123456)")).events.at(0).occurred_at ==
          1795429800LL * 1000000 + 123456);
    CHECK(Json(EventWith(R"("occurred_at":1795429800.5e0)")).events.at(0).occurred_at ==
          1795429800LL * 1000000 + 500000);
}

TEST_CASE("data is stored as compact JSON with its keys in the order sent", "[events][decode]") {
    struct Case {
        std::string data;
        std::string compact;
    };
    const Case kCases[] = {
        {R"({ "b" : 1 , "a" : [ 1 , 2 ] })", R"({"b":1,"a":[1,2]})"},
        {R"({"f":5.0,"e":1E2,"g":-0.5,"h":1.5e300,"i":18446744073709551615,"j":-9223372036854775808})",
         R"({"f":5.0,"e":100.0,"g":-0.5,"h":1.5e+300,"i":18446744073709551615,"j":-9223372036854775808})"},
        {R"({"s":"quote \" backslash \\ slash \/ tab \t nl \n ctl \u0001 é \u00e9 😀 \ud83d\ude00"})",
         R"({"s":"quote \" backslash \\ slash / tab \t nl \n ctl \u0001 é é 😀 😀"})"},
        {R"({"n":null,"t":true,"f":false,"o":{},"a":[],"deep":{"x":[{"y":[]}]}})",
         R"({"n":null,"t":true,"f":false,"o":{},"a":[],"deep":{"x":[{"y":[]}]}})"},
    };
    for (const Case& c : kCases) {
        CAPTURE(c.data);
        const DecodeResult result = Json(EventWith(R"("data":)" + c.data));
        INFO(Describe(result));
        REQUIRE(result.status == DecodeStatus::kOk);
        REQUIRE(result.events.at(0).data == c.compact);
    }
}

TEST_CASE("a batch keeps its events in input order with distinct ids", "[events][decode]") {
    const DecodeResult result = Json(
        R"({"events":[{"action":"a"},{"action":"b","id":"01936f6e-3f4a-7c8e-9d2b-5a1f0c3e7b21"},{"action":"c"}]})");
    INFO(Describe(result));
    REQUIRE(result.status == DecodeStatus::kOk);
    REQUIRE(result.events.size() == 3);
    CHECK(result.events[0].action == "a");
    CHECK(result.events[1].action == "b");
    CHECK(result.events[1].id == "01936f6e-3f4a-7c8e-9d2b-5a1f0c3e7b21");
    CHECK(result.events[2].action == "c");
    CHECK(result.events[0].id != result.events[2].id);
}

TEST_CASE("a batch with one bad event is refused whole", "[events][decode]") {
    const DecodeResult result =
        Json(R"({"events":[{"action":"a"},{"action":"b","occurred_at":"nope"},{"action":"c"}]})");
    INFO(Describe(result));
    REQUIRE(result.status == DecodeStatus::kValidationFailed);
    REQUIRE(result.events.empty());
    REQUIRE(result.errors.size() == 1);
    CHECK(HasError(result, 1, "occurred_at", "not an RFC 3339 timestamp"));
    CHECK(result.detail == "1 of 3 events is invalid");
}

TEST_CASE("errors of every event of a batch are collected", "[events][decode]") {
    const DecodeResult result =
        Json(R"({"events":[{"action":"a"},{"action":"b","occurred_at":"nope"},)"
             R"({"action":"invoice.issued","customer_id":1,"data":{"invoice_id":"I","amount":0,"currency":"EUR",)"
             R"("due_at":"2026-12-01T00:00:00Z"}},{"bogus":1}]})");
    INFO(Describe(result));
    REQUIRE(result.status == DecodeStatus::kValidationFailed);
    REQUIRE(result.events.empty());
    CHECK(result.detail == "3 of 4 events are invalid");
    CHECK(HasError(result, 1, "occurred_at", "not an RFC 3339 timestamp"));
    CHECK(HasError(result, 2, "data.amount", "must be greater than 0"));
    CHECK(HasError(result, 3, "bogus", "unknown field"));
    CHECK(HasError(result, 3, "action", "is required"));
    for (std::size_t i = 1; i < result.errors.size(); ++i) CHECK(result.errors[i - 1].index <= result.errors[i].index);
}

TEST_CASE("the batch wrapper takes only the events key", "[events][decode]") {
    SECTION("a key beside events is refused by name") {
        const DecodeResult result = Json(R"({"events":[{"action":"a"}],"tenant":"x"})");
        INFO(Describe(result));
        REQUIRE(result.status == DecodeStatus::kValidationFailed);
        CHECK(HasError(result, 0, "tenant", "unknown field"));
        CHECK(result.events.empty());
    }
    SECTION("events must be an array") {
        const DecodeResult result = Json(R"({"events":{"action":"a"}})");
        REQUIRE(result.status == DecodeStatus::kValidationFailed);
        CHECK(HasError(result, 0, "events", "must be an array"));
    }
    SECTION("an element that is not an object is refused at its index") {
        const DecodeResult result = Json(R"({"events":[{"action":"a"},"b"]})");
        REQUIRE(result.status == DecodeStatus::kValidationFailed);
        CHECK(HasError(result, 1, "", "must be a JSON object"));
    }
    SECTION("a body that is neither an event nor a batch is refused") {
        const DecodeResult result = Json(R"([{"action":"a"}])");
        REQUIRE(result.status == DecodeStatus::kValidationFailed);
        CHECK(HasError(result, 0, "", "must be a JSON object"));
    }
}

TEST_CASE("an empty batch is a validation failure", "[events][decode]") {
    for (const DecodeResult& result : {Json(R"({"events":[]})"), Ndjson(""), Ndjson("\n\n  \r\n\t\n")}) {
        INFO(Describe(result));
        CHECK(result.status == DecodeStatus::kValidationFailed);
        CHECK(result.detail == "the batch is empty");
        CHECK(result.events.empty());
    }
    // An unknown field beside the empty list is named all the same.
    const DecodeResult beside = Json(R"({"events":[],"extra":1})");
    CHECK(beside.status == DecodeStatus::kValidationFailed);
    CHECK(beside.detail == "the batch is empty");
    CHECK(HasError(beside, 0, "extra", "unknown field"));
}

TEST_CASE("more events than the limit is too many in JSON and in NDJSON", "[events][decode]") {
    DecodeLimits limits;
    limits.max_events = 3;
    const std::string three = R"({"events":[{"action":"a"},{"action":"a"},{"action":"a"}]})";
    const std::string four = R"({"events":[{"action":"a"},{"action":"a"},{"action":"a"},{"action":"a"}]})";
    CHECK(Json(three, limits).status == DecodeStatus::kOk);
    CHECK(Json(four, limits).status == DecodeStatus::kTooManyEvents);
    CHECK(Ndjson(Repeat("{\"action\":\"a\"}\n", 3), limits).status == DecodeStatus::kOk);
    const DecodeResult result = Ndjson(Repeat("{\"action\":\"a\"}\n\n", 4), limits);
    CHECK(result.status == DecodeStatus::kTooManyEvents);
    CHECK(result.events.empty());
    // The default limit is 1000.
    CHECK(Ndjson(Repeat("{\"action\":\"a\"}\n", 1000)).events.size() == 1000);
    CHECK(Ndjson(Repeat("{\"action\":\"a\"}\n", 1001)).status == DecodeStatus::kTooManyEvents);
}

TEST_CASE("NDJSON skips blank lines and does not count them as an index", "[events][decode]") {
    const std::string body = "\n{\"action\":\"a\"}\r\n\n   \n{\"action\":\"b\"}\n\t\n{\"action\":\"c\"}";
    const DecodeResult good = Ndjson(body);
    INFO(Describe(good));
    REQUIRE(good.status == DecodeStatus::kOk);
    REQUIRE(good.events.size() == 3);
    CHECK(good.events[2].action == "c");

    const DecodeResult bad = Ndjson("\n{\"action\":\"a\"}\n\n{\"action\":\"b\",\"outcome\":\"x\"}\n\n{\"foo\":1}\n");
    INFO(Describe(bad));
    REQUIRE(bad.status == DecodeStatus::kValidationFailed);
    CHECK(bad.detail == "2 of 3 events are invalid");
    CHECK(HasError(bad, 1, "outcome", "must be success, failure or unknown"));
    CHECK(HasError(bad, 2, "foo", "unknown field"));
    CHECK(HasError(bad, 2, "action", "is required"));
}

TEST_CASE("an NDJSON line that is not JSON is invalid_json at its index", "[events][decode]") {
    const DecodeResult result = Ndjson("{\"action\":\"a\",\"outcome\":\"x\"}\n\n{\"action\":\"b\"}\n\n{\"action\":\n");
    INFO(Describe(result));
    REQUIRE(result.status == DecodeStatus::kInvalidJson);
    REQUIRE(result.errors.size() == 1);
    CHECK(result.errors[0].index == 2);
    CHECK(result.detail.find("line 5") != std::string::npos);
    CHECK(result.events.empty());

    const DecodeResult two_on_a_line = Ndjson("{\"action\":\"a\"} {\"action\":\"b\"}\n");
    CHECK(two_on_a_line.status == DecodeStatus::kInvalidJson);

    const DecodeResult duplicate = Ndjson("{\"action\":\"a\"}\n{\"action\":\"a\",\"data\":{\"k\":1,\"k\":2}}\n");
    INFO(Describe(duplicate));
    REQUIRE(duplicate.status == DecodeStatus::kInvalidJson);
    CHECK(HasError(duplicate, 1, "data.k", "duplicate key"));
}

struct InvalidCase {
    std::string name;
    std::string body;
    std::string message;  ///< a part of the expected detail
};

TEST_CASE("bodies that are not acceptable JSON are invalid_json", "[events][decode]") {
    const InvalidCase kCases[] = {
        {"empty body", "", "not valid JSON"},
        {"not JSON", "nope", "not valid JSON"},
        {"truncated", R"({"action":"a")", "not valid JSON"},
        {"trailing comma", R"({"action":"a",})", "not valid JSON"},
        {"two documents", R"({"action":"a"}{"action":"b"})", "not valid JSON"},
        {"invalid UTF-8 byte", "{\"action\":\"a\",\"message\":\"\xff\"}", "UTF-8"},
        {"truncated UTF-8 sequence", "{\"action\":\"a\",\"message\":\"\xc3\"}", "UTF-8"},
        {"overlong UTF-8 encoding", "{\"action\":\"a\",\"message\":\"\xc0\xaf\"}", "UTF-8"},
        {"UTF-8 encoded surrogate", "{\"action\":\"a\",\"message\":\"\xed\xa0\x80\"}", "UTF-8"},
        {"invalid UTF-8 in a key", "{\"action\":\"a\",\"data\":{\"\xfe\":1}}", "UTF-8"},
        {"lone high surrogate", R"({"action":"a","message":"\ud800"})", "lone surrogate"},
        {"lone low surrogate", R"({"action":"a","message":"x\udc00y"})", "lone surrogate"},
        {"high surrogate followed by a letter", R"({"action":"a","message":"\ud800\u0041"})", "lone surrogate"},
        {"surrogates in the wrong order", R"({"action":"a","message":"\ude00\ud83d"})", "lone surrogate"},
        {"lone surrogate in data", R"({"action":"a","data":{"k":["\udfff"]}})", "lone surrogate"},
        {"NUL escape in a string", R"({"action":"a","message":"a\u0000b"})", "NUL"},
        {"NUL escape in a key", R"({"action":"a","data":{"a\u0000":1}})", "NUL"},
        {"NUL escape deep in data", R"({"action":"a","data":{"x":[{"y":"\u0000"}]}})", "NUL"},
        {"NUL escape in an unknown field", R"({"action":"a","zzz":"\u0000"})", "NUL"},
        {"raw NUL byte", std::string("{\"action\":\"a\",\"message\":\"a\0b\"}", 29), "not valid JSON"},
        {"unescaped control character", "{\"action\":\"a\",\"message\":\"a\tb\"}", "control character"},
        {"duplicate top-level key", R"({"action":"a","action":"b"})", "duplicate key"},
        {"duplicate key in actor", R"({"action":"a","actor":{"id":"x","id":"y"}})", "duplicate key"},
        {"duplicate key in data", R"({"action":"a","data":{"k":1,"k":1}})", "duplicate key"},
        {"duplicate key deep in data", R"({"action":"a","data":{"k":[{"x":1,"y":2,"x":3}]}})", "duplicate key"},
        {"duplicate key in a large object",
         R"({"action":"a","data":{"k0":0,"k1":1,"k2":2,"k3":3,"k4":4,"k5":5,"k6":6,"k7":7,"k8":8,"k9":9,)"
         R"("k10":0,"k11":1,"k12":2,"k13":3,"k14":4,"k15":5,"k16":6,"k17":7,"k18":8,"k3":9}})",
         "duplicate key"},
        {"duplicate events key", R"({"events":[{"action":"a"}],"events":[{"action":"b"}]})", "duplicate key"},
        {"duplicate key inside a batched event",
         R"({"events":[{"action":"a"},{"action":"b","outcome":"x","outcome":"y"}]})",
         "duplicate key at outcome in event 1"},
        {"NUL beside events", R"({"events":[{"action":"a"}],"x":["\u0000"]})", "NUL"},
        {"number beyond 64 bits", R"({"action":"a","data":{"n":123456789012345678901234567890}})", "64-bit"},
        {"nesting 33 deep in data", EventWith(R"("data":)" + NestedObjects(32)), "nesting deeper than 32"},
        {"nesting 33 deep with arrays", EventWith(R"("data":{"a":)" + Repeat("[", 31) + Repeat("]", 31) + "}"),
         "nesting deeper than 32"},
        {"nesting 33 deep in an unknown field", EventWith(R"("zzz":)" + NestedObjects(32)), "nesting deeper than 32"},
    };
    for (const InvalidCase& c : kCases) {
        CAPTURE(c.name);
        const DecodeResult result = Json(c.body);
        INFO(Describe(result));
        REQUIRE(result.status == DecodeStatus::kInvalidJson);
        REQUIRE(result.events.empty());
        REQUIRE(result.errors.size() == 1);
        CHECK(result.detail.find(c.message) != std::string::npos);
    }
}

TEST_CASE("nesting 32 deep counted from the event object is accepted but 33 is not", "[events][decode]") {
    // The event object is depth 1, so data holding 31 nested objects reaches depth 32.
    const std::string ok = EventWith(R"("data":)" + NestedObjects(31));
    const std::string too_deep = EventWith(R"("data":)" + NestedObjects(32));
    CHECK(Json(ok).status == DecodeStatus::kOk);
    CHECK(Json(too_deep).status == DecodeStatus::kInvalidJson);
    // The batch wrapper does not count.
    CHECK(Json(R"({"events":[)" + ok + "]}").status == DecodeStatus::kOk);
    CHECK(Json(R"({"events":[)" + too_deep + "]}").status == DecodeStatus::kInvalidJson);
    CHECK(Ndjson(ok + "\n").status == DecodeStatus::kOk);
    CHECK(Ndjson(ok + "\n" + too_deep + "\n").errors.at(0).index == 1);
    // The limit is configurable.
    DecodeLimits limits;
    limits.max_depth = 3;
    CHECK(Json(EventWith(R"("data":{"a":{}})"), limits).status == DecodeStatus::kOk);
    const DecodeResult deep = Json(EventWith(R"("data":{"a":{"b":[]}})"), limits);
    CHECK(deep.status == DecodeStatus::kInvalidJson);
    CHECK(HasError(deep, 0, "data.a.b", "nesting deeper than 3"));
}

TEST_CASE("invalid JSON anywhere outranks validation errors elsewhere", "[events][decode]") {
    const DecodeResult result = Json(R"({"events":[{"outcome":"x"},{"action":"b","data":{"k":1,"k":2}}]})");
    INFO(Describe(result));
    REQUIRE(result.status == DecodeStatus::kInvalidJson);
    REQUIRE(result.errors.size() == 1);
    CHECK(HasError(result, 1, "data.k", "duplicate key"));
}

TEST_CASE("customer_id written as 5.0 or as a string is refused in every body format", "[events][decode]") {
    for (const std::string value : {"5.0", "\"5\""}) {
        const std::string event = R"({"action":"customer.login","customer_id":)" + value + "}";
        CAPTURE(event);
        CHECK(HasError(Json(event), 0, "customer_id", "must be an integer"));
        CHECK(HasError(Json(R"({"events":[)" + event + "]}"), 0, "customer_id", "must be an integer"));
        CHECK(HasError(Ndjson(event), 0, "customer_id", "must be an integer"));
    }
}

TEST_CASE("the approximate size of an event grows with its strings", "[events][decode]") {
    Event small;
    CHECK(ApproxBytes(small) >= sizeof(Event));
    Event large;
    large.message = std::string(8192, 'm');
    large.data = std::string(1000, 'd');
    CHECK(ApproxBytes(large) >= sizeof(Event) + 9192);
    CHECK(ApproxBytes(large) < sizeof(Event) + 9192 + 512);
}

TEST_CASE("decoding is reentrant across repeated calls on one thread", "[events][decode]") {
    // The parser and its buffer are reused: a long body followed by a short one must not see stale bytes.
    const std::string long_body = EventWith(R"("message":")" + Repeat("x", 5000) + R"(")");
    REQUIRE(Json(long_body).status == DecodeStatus::kOk);
    REQUIRE(Json(R"({"action":"a"})").status == DecodeStatus::kOk);
    REQUIRE(Json(R"({"action":"a")").status == DecodeStatus::kInvalidJson);
}

}  // namespace
}  // namespace auditrail::events
