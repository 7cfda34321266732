#include <auditrail/events/decode.hpp>
#include <auditrail/events/time.hpp>
#include <catch2/catch.hpp>
#include <string>

#include "event_bodies.hpp"

namespace auditrail::events {
namespace {

using testing::Describe;
using testing::EventWith;
using testing::HasError;
using testing::kNow;
using testing::Repeat;

std::string Quoted(std::string_view text) {
    std::string quoted = "\"";
    quoted += text;
    quoted += '"';
    return quoted;
}

// Every rule of API.md §2 "The event", one or more accepted bodies each.
TEST_CASE("events that follow every field rule are accepted", "[events][validate]") {
    const std::string kGood[] = {
        // action
        R"({"action":"a"})",
        R"({"action":"Ab0_.:-z"})",
        "{\"action\":" + Quoted(Repeat("a", 128)) + "}",
        // id
        EventWith(R"("id":"01936f6e-3f4a-7c8e-9d2b-5a1f0c3e7b21")"),
        EventWith(R"("id":"01936F6E-3F4A-7C8E-9D2B-5A1F0C3E7B21")"),
        EventWith(R"("id":null)"),
        // occurred_at
        EventWith(R"("occurred_at":"2026-11-23T10:30:00.123Z")"),
        EventWith(R"("occurred_at":"2026-11-23T11:30:00+01:00")"),
        EventWith(R"("occurred_at":"2026-11-23T10:34:59Z")"),  // under 5 minutes ahead
        EventWith(R"("occurred_at":"2025-11-01T00:00:00Z")"),  // first moment of the retention window
        EventWith(R"("occurred_at":1795429800)"),
        EventWith(R"("occurred_at":1795429800.25)"),
        EventWith(R"("occurred_at":null)"),
        // category, outcome
        EventWith(R"("category":"authenticate")"),
        EventWith(R"("category":)" + Quoted(Repeat("c", 64))),
        EventWith(R"("category":"Zugriff über Web")"),
        EventWith(R"("outcome":"success")"),
        EventWith(R"("outcome":"failure")"),
        EventWith(R"("outcome":"unknown")"),
        // actor
        EventWith(R"("actor":{"id":"jdoe","type":"user","name":"Jane Doe","ip":"192.168.1.10","user_agent":"UA"})"),
        EventWith(R"("actor":{"id":)" + Quoted(Repeat("i", 256)) + R"(,"type":)" + Quoted(Repeat("t", 32)) + "}"),
        EventWith(R"("actor":{"name":)" + Quoted(Repeat("n", 1024)) + R"(,"user_agent":)" + Quoted(Repeat("u", 1024)) +
                  "}"),
        EventWith(R"("actor":{"ip":"2001:db8::1"})"),
        EventWith(R"("actor":{"ip":"::ffff:10.0.0.1"})"),
        EventWith(R"("actor":{"ip":null,"id":null})"),
        EventWith(R"("actor":{})"),
        EventWith(R"("actor":null)"),
        // customer_id, store_id
        EventWith(R"("customer_id":0,"store_id":0)"),
        EventWith(R"("customer_id":9223372036854775807,"store_id":101)"),
        EventWith(R"("customer_id":null,"store_id":null)"),
        // resource
        EventWith(R"("resource":{"type":)" + Quoted(Repeat("t", 128)) + R"(,"id":)" + Quoted(Repeat("i", 256)) + "}"),
        EventWith(R"("resource":{"type":"session"})"),
        // message
        EventWith(R"("message":)" + Quoted(Repeat("m", 8192))),
        EventWith(R"("message":"")"),
        // data
        EventWith(R"("data":{})"),
        EventWith(R"("data":{"browser":"Chrome","mfa":true,"nested":{"list":[1,2.5,null,"x"]}})"),
        EventWith(R"("data":{"invoice_id":"free-form for other actions","amount":-1})"),
        EventWith(R"("data":null)"),
        // customer-activity actions with their typed data
        R"({"action":"customer.login","customer_id":5001})",
        R"({"action":"customer.login","customer_id":5001,"data":{"anything":1}})",
        R"({"action":"invoice.issued","customer_id":1,"data":{"invoice_id":"INV-1","amount":99.5,"currency":"EUR",)"
        R"("due_at":"2026-12-23T00:00:00Z","note":"kept"}})",
        R"({"action":"invoice.issued","customer_id":1,"data":{"invoice_id":12345,"amount":1,"currency":"USD",)"
        R"("due_at":"2026-12-23T00:00:00+02:00"}})",
        R"({"action":"invoice.paid","customer_id":1,"data":{"invoice_id":"INV-1"}})",
        R"({"action":"invoice.paid","customer_id":1,"data":{"invoice_id":"INV-1","paid_at":"2026-11-20T00:00:00Z",)"
        R"("amount":0.01}})",
        R"({"action":"ticket.opened","customer_id":1,"data":{"ticket_id":"T-1"}})",
        R"({"action":"ticket.opened","customer_id":1,"data":{"ticket_id":7,"priority":"urgent",)"
        R"("created_at":"2026-11-20T00:00:00Z"}})",
        R"({"action":"ticket.opened","customer_id":1,"data":{"ticket_id":"T-1","priority":null}})",
        R"({"action":"ticket.closed","customer_id":1,"data":{"ticket_id":"T-1"}})",
        R"({"action":"ticket.closed","customer_id":1,"data":{"ticket_id":"T-1","created_at":"2026-11-20T00:00:00Z",)"
        R"("closed_at":"2026-11-20T00:00:00Z"}})",
        R"({"action":"ticket.closed","customer_id":1,"data":{"ticket_id":"T-1","created_at":"2026-11-23T10:30:00Z"}})",
        R"({"action":"api.call","customer_id":1,"data":{"endpoint":"GET /v1/orders"}})",
        R"({"action":"api.call","customer_id":1,"data":{"endpoint":"GET /v1/orders","count":3}})",
        R"({"action":"api.call","customer_id":1,"data":{"endpoint":"GET /v1/orders","count":1000000000}})",
        R"({"action":"feature.used","customer_id":1,"data":{"feature":"reports","count":1,"extra":[1]}})",
    };
    for (const std::string& body : kGood) {
        CAPTURE(body);
        const DecodeResult result = DecodeJson(body, kNow, DecodeLimits{});
        INFO(Describe(result));
        REQUIRE(result.status == DecodeStatus::kOk);
        REQUIRE(result.events.size() == 1);
        REQUIRE(result.errors.empty());
    }
}

struct BadCase {
    std::string body;
    std::string field;
    std::string message;  ///< a part of the expected message
};

// Every rule of API.md §2 "The event", broken at least once.
TEST_CASE("events that break a field rule are refused with the field and a reason", "[events][validate]") {
    const std::string kTooLongData = R"("data":{"blob":")" + Repeat("x", 32 * 1024) + R"("})";
    const BadCase kBad[] = {
        // action
        {R"({})", "action", "is required"},
        {R"({"action":null})", "action", "is required"},
        {R"({"action":""})", "action", "must not be empty"},
        {"{\"action\":" + Quoted(Repeat("a", 129)) + "}", "action", "at most 128 bytes"},
        {R"({"action":"user login"})", "action", "must contain only"},
        {R"({"action":"usér.login"})", "action", "must contain only"},
        {R"({"action":"user/login"})", "action", "must contain only"},
        {R"({"action":5})", "action", "must be a string"},
        // id
        {EventWith(R"("id":"not-a-uuid")"), "id", "not a UUID"},
        {EventWith(R"("id":"01936f6e3f4a7c8e9d2b5a1f0c3e7b21")"), "id", "not a UUID"},
        {EventWith(R"("id":42)"), "id", "must be a string"},
        // occurred_at
        {EventWith(R"("occurred_at":"2026-11-23T10:30:00")"), "occurred_at", "not an RFC 3339 timestamp"},
        {EventWith(R"("occurred_at":"yesterday")"), "occurred_at", "not an RFC 3339 timestamp"},
        {EventWith(R"("occurred_at":true)"), "occurred_at", "RFC 3339 timestamp or a number"},
        {EventWith(R"("occurred_at":{"s":1})"), "occurred_at", "RFC 3339 timestamp or a number"},
        {EventWith(R"("occurred_at":"2026-11-23T10:35:01Z")"), "occurred_at", "in the future"},
        {EventWith(R"("occurred_at":1795430101)"), "occurred_at", "in the future"},
        {EventWith(R"("occurred_at":1e15)"), "occurred_at", "in the future"},
        {EventWith(R"("occurred_at":18446744073709551615)"), "occurred_at", "in the future"},
        {EventWith(R"("occurred_at":"2025-10-31T23:59:59.999999Z")"), "occurred_at", "retention window"},
        {EventWith(R"("occurred_at":0)"), "occurred_at", "retention window"},
        {EventWith(R"("occurred_at":-1e300)"), "occurred_at", "retention window"},
        // category
        {EventWith(R"("category":"")"), "category", "must not be empty"},
        {EventWith(R"("category":)" + Quoted(Repeat("c", 65))), "category", "at most 64 bytes"},
        {EventWith(R"("category":)" + Quoted(Repeat("é", 33))), "category", "at most 64 bytes"},  // 66 bytes
        {EventWith(R"("category":7)"), "category", "must be a string"},
        // outcome
        {EventWith(R"("outcome":"ok")"), "outcome", "must be success, failure or unknown"},
        {EventWith(R"("outcome":"Success")"), "outcome", "must be success, failure or unknown"},
        {EventWith(R"("outcome":1)"), "outcome", "must be success, failure or unknown"},
        // actor
        {EventWith(R"("actor":"jdoe")"), "actor", "must be a JSON object"},
        {EventWith(R"("actor":["jdoe"])"), "actor", "must be a JSON object"},
        {EventWith(R"("actor":{"id":)" + Quoted(Repeat("i", 257)) + "}"), "actor.id", "at most 256 bytes"},
        {EventWith(R"("actor":{"id":5})"), "actor.id", "must be a string"},
        {EventWith(R"("actor":{"type":)" + Quoted(Repeat("t", 33)) + "}"), "actor.type", "at most 32 bytes"},
        {EventWith(R"("actor":{"name":)" + Quoted(Repeat("n", 1025)) + "}"), "actor.name", "at most 1024 bytes"},
        {EventWith(R"("actor":{"user_agent":)" + Quoted(Repeat("u", 1025)) + "}"), "actor.user_agent",
         "at most 1024 bytes"},
        {EventWith(R"("actor":{"ip":"999.1.1.1"})"), "actor.ip", "not a valid IPv4 or IPv6 address"},
        {EventWith(R"("actor":{"ip":"1.2.3"})"), "actor.ip", "not a valid IPv4 or IPv6 address"},
        {EventWith(R"("actor":{"ip":"fe80::1%eth0"})"), "actor.ip", "not a valid IPv4 or IPv6 address"},
        {EventWith(R"("actor":{"ip":"localhost"})"), "actor.ip", "not a valid IPv4 or IPv6 address"},
        {EventWith(R"("actor":{"ip":""})"), "actor.ip", "not a valid IPv4 or IPv6 address"},
        {EventWith(R"("actor":{"ip":)" + Quoted(Repeat("1", 100)) + "}"), "actor.ip", "not a valid IPv4"},
        {EventWith(R"("actor":{"ip":3232235786})"), "actor.ip", "must be a string"},
        {EventWith(R"("actor":{"foo":"x"})"), "actor.foo", "unknown field"},
        {EventWith(R"("actor":{"ID":"x"})"), "actor.ID", "unknown field"},
        // customer_id, store_id
        {EventWith(R"("customer_id":5.0)"), "customer_id", "must be an integer"},
        {EventWith(R"("customer_id":"5")"), "customer_id", "must be an integer"},
        {EventWith(R"("customer_id":5e0)"), "customer_id", "must be an integer"},
        {EventWith(R"("customer_id":-1)"), "customer_id", "must be at least 0"},
        {EventWith(R"("customer_id":9223372036854775808)"), "customer_id", "signed 64-bit"},
        {EventWith(R"("customer_id":true)"), "customer_id", "must be an integer"},
        {EventWith(R"("store_id":101.5)"), "store_id", "must be an integer"},
        {EventWith(R"("store_id":"101")"), "store_id", "must be an integer"},
        {EventWith(R"("store_id":-5)"), "store_id", "must be at least 0"},
        // resource
        {EventWith(R"("resource":"session")"), "resource", "must be a JSON object"},
        {EventWith(R"("resource":{"type":)" + Quoted(Repeat("t", 129)) + "}"), "resource.type", "at most 128 bytes"},
        {EventWith(R"("resource":{"id":)" + Quoted(Repeat("i", 257)) + "}"), "resource.id", "at most 256 bytes"},
        {EventWith(R"("resource":{"id":42})"), "resource.id", "must be a string"},
        {EventWith(R"("resource":{"kind":"x"})"), "resource.kind", "unknown field"},
        // message
        {EventWith(R"("message":)" + Quoted(Repeat("m", 8193))), "message", "at most 8192 bytes"},
        {EventWith(R"("message":["m"])"), "message", "must be a string"},
        // data
        {EventWith(R"("data":[1,2])"), "data", "must be a JSON object"},
        {EventWith(R"("data":"text")"), "data", "must be a JSON object"},
        {EventWith(R"("data":5)"), "data", "must be a JSON object"},
        {EventWith(kTooLongData), "data", "at most 32768 bytes of JSON"},
        // unknown top-level fields
        {EventWith(R"("foo":1)"), "foo", "unknown field"},
        {EventWith(R"("Action":"x")"), "Action", "unknown field"},
        {EventWith(R"("occurredAt":"2026-11-23T10:30:00Z")"), "occurredAt", "unknown field"},
        // customer-activity actions need customer_id ...
        {R"({"action":"customer.login"})", "customer_id", "is required for action customer.login"},
        {R"({"action":"api.call","data":{"endpoint":"x"}})", "customer_id", "is required"},
        // ... and their typed data
        {R"({"action":"invoice.issued","customer_id":1})", "data.invoice_id", "is required"},
        {R"({"action":"invoice.issued","customer_id":1})", "data.amount", "is required"},
        {R"({"action":"invoice.issued","customer_id":1})", "data.currency", "is required"},
        {R"({"action":"invoice.issued","customer_id":1})", "data.due_at", "is required"},
        {R"({"action":"invoice.issued","customer_id":1,"data":[]})", "data", "must be a JSON object"},
        {R"({"action":"invoice.issued","customer_id":1,"data":{"invoice_id":"I","amount":0,"currency":"EUR",)"
         R"("due_at":"2026-12-01T00:00:00Z"}})",
         "data.amount", "must be greater than 0"},
        {R"({"action":"invoice.issued","customer_id":1,"data":{"invoice_id":"I","amount":-3.5,"currency":"EUR",)"
         R"("due_at":"2026-12-01T00:00:00Z"}})",
         "data.amount", "must be greater than 0"},
        {R"({"action":"invoice.issued","customer_id":1,"data":{"invoice_id":"I","amount":"10","currency":"EUR",)"
         R"("due_at":"2026-12-01T00:00:00Z"}})",
         "data.amount", "must be a number"},
        {R"({"action":"invoice.issued","customer_id":1,"data":{"invoice_id":"I","amount":1,"currency":"eur",)"
         R"("due_at":"2026-12-01T00:00:00Z"}})",
         "data.currency", "three upper-case letters"},
        {R"({"action":"invoice.issued","customer_id":1,"data":{"invoice_id":"I","amount":1,"currency":"EURO",)"
         R"("due_at":"2026-12-01T00:00:00Z"}})",
         "data.currency", "three upper-case letters"},
        {R"({"action":"invoice.issued","customer_id":1,"data":{"invoice_id":"I","amount":1,"currency":978,)"
         R"("due_at":"2026-12-01T00:00:00Z"}})",
         "data.currency", "three upper-case letters"},
        {R"({"action":"invoice.issued","customer_id":1,"data":{"invoice_id":"I","amount":1,"currency":"EUR",)"
         R"("due_at":"2026-12-01"}})",
         "data.due_at", "not an RFC 3339 timestamp"},
        {R"({"action":"invoice.issued","customer_id":1,"data":{"invoice_id":"I","amount":1,"currency":"EUR",)"
         R"("due_at":1795429800}})",
         "data.due_at", "RFC 3339"},
        {R"({"action":"invoice.paid","customer_id":1,"data":{}})", "data.invoice_id", "is required"},
        {R"({"action":"invoice.paid","customer_id":1,"data":{"invoice_id":""}})", "data.invoice_id",
         "must not be empty"},
        {R"({"action":"invoice.paid","customer_id":1,"data":{"invoice_id":)" + Quoted(Repeat("i", 129)) + "}}",
         "data.invoice_id", "at most 128 bytes"},
        {R"({"action":"invoice.paid","customer_id":1,"data":{"invoice_id":true}})", "data.invoice_id",
         "must be a string or an integer"},
        {R"({"action":"invoice.paid","customer_id":1,"data":{"invoice_id":1.5}})", "data.invoice_id",
         "must be a string or an integer"},
        {R"({"action":"invoice.paid","customer_id":1,"data":{"invoice_id":-1}})", "data.invoice_id",
         "must be at least 0"},
        {R"({"action":"invoice.paid","customer_id":1,"data":{"invoice_id":"I","paid_at":"soon"}})", "data.paid_at",
         "not an RFC 3339 timestamp"},
        {R"({"action":"invoice.paid","customer_id":1,"data":{"invoice_id":"I","amount":0}})", "data.amount",
         "must be greater than 0"},
        {R"({"action":"ticket.opened","customer_id":1,"data":{"priority":"high"}})", "data.ticket_id", "is required"},
        {R"({"action":"ticket.opened","customer_id":1,"data":{"ticket_id":"T","priority":"critical"}})",
         "data.priority", "must be low, normal, high or urgent"},
        {R"({"action":"ticket.opened","customer_id":1,"data":{"ticket_id":"T","created_at":"2026-11-20"}})",
         "data.created_at", "not an RFC 3339 timestamp"},
        {R"({"action":"ticket.closed","customer_id":1})", "data.ticket_id", "is required"},
        {R"({"action":"ticket.closed","customer_id":1,"data":{"ticket_id":"T","closed_at":"later"}})", "data.closed_at",
         "not an RFC 3339 timestamp"},
        {R"({"action":"ticket.closed","customer_id":1,"data":{"ticket_id":"T","created_at":"2026-11-20T00:00:01Z",)"
         R"("closed_at":"2026-11-20T00:00:00Z"}})",
         "data.closed_at", "must not be before data.created_at"},
        // closed_at defaults to occurred_at, and the error still names the later field
        {R"({"action":"ticket.closed","customer_id":1,"occurred_at":"2026-11-20T00:00:00Z",)"
         R"("data":{"ticket_id":"T","created_at":"2026-11-21T00:00:00Z"}})",
         "data.closed_at", "must not be before data.created_at"},
        {R"({"action":"api.call","customer_id":1,"data":{"count":2}})", "data.endpoint", "is required"},
        {R"({"action":"api.call","customer_id":1,"data":{"endpoint":""}})", "data.endpoint", "must not be empty"},
        {R"({"action":"api.call","customer_id":1,"data":{"endpoint":"x","count":0}})", "data.count",
         "must be at least 1"},
        {R"({"action":"api.call","customer_id":1,"data":{"endpoint":"x","count":1.5}})", "data.count",
         "must be an integer"},
        {R"({"action":"api.call","customer_id":1,"data":{"endpoint":"x","count":"2"}})", "data.count",
         "must be an integer"},
        {R"({"action":"feature.used","customer_id":1,"data":{}})", "data.feature", "is required"},
        {R"({"action":"feature.used","customer_id":1,"data":{"feature":["a"]}})", "data.feature", "must be a string"},
        {R"({"action":"feature.used","customer_id":1,"data":{"feature":"f","count":-1}})", "data.count",
         "must be at least 1"},
        // The health state sums counts in 64-bit integers: one event may not carry more than a billion.
        {R"({"action":"api.call","customer_id":1,"data":{"endpoint":"x","count":1000000001}})", "data.count",
         "must be at most 1000000000"},
        {R"({"action":"feature.used","customer_id":1,"data":{"feature":"f","count":9223372036854775807}})",
         "data.count", "must be at most 1000000000"},
    };
    for (const BadCase& bad : kBad) {
        CAPTURE(bad.body.substr(0, 300), bad.field, bad.message);
        const DecodeResult result = DecodeJson(bad.body, kNow, DecodeLimits{});
        INFO(Describe(result));
        REQUIRE(result.status == DecodeStatus::kValidationFailed);
        REQUIRE(result.events.empty());
        REQUIRE(result.detail == "the event is invalid");
        REQUIRE(HasError(result, 0, bad.field, bad.message));
    }
}

TEST_CASE("every problem of an event is reported in input order", "[events][validate]") {
    const DecodeResult result = DecodeJson(
        R"({"action":"x","outcome":"maybe","customer_id":"5","actor":{"ip":"x","bogus":1},"data":[],"extra":true})",
        kNow, {});
    INFO(Describe(result));
    REQUIRE(result.status == DecodeStatus::kValidationFailed);
    REQUIRE(result.errors.size() == 6);
    CHECK(result.errors[0].field == "outcome");
    CHECK(result.errors[1].field == "customer_id");
    CHECK(result.errors[2].field == "actor.ip");
    CHECK(result.errors[3].field == "actor.bogus");
    CHECK(result.errors[4].field == "data");
    CHECK(result.errors[5].field == "extra");
    CHECK(HasError(result, 0, "extra", "unknown field"));
}

TEST_CASE("the retention window and the future allowance follow the limits", "[events][validate]") {
    DecodeLimits limits;
    limits.retention_months = 1;
    limits.max_future_us = 60LL * 1000 * 1000;
    REQUIRE(DecodeJson(EventWith(R"("occurred_at":"2026-10-01T00:00:00Z")"), kNow, limits).status == DecodeStatus::kOk);
    REQUIRE(DecodeJson(EventWith(R"("occurred_at":"2026-09-30T23:59:59Z")"), kNow, limits).status ==
            DecodeStatus::kValidationFailed);
    REQUIRE(DecodeJson(EventWith(R"("occurred_at":"2026-11-23T10:31:00Z")"), kNow, limits).status == DecodeStatus::kOk);
    const DecodeResult late = DecodeJson(EventWith(R"("occurred_at":"2026-11-23T10:31:00.000001Z")"), kNow, limits);
    REQUIRE(HasError(late, 0, "occurred_at", "more than 60 s in the future"));
}

TEST_CASE("the typed data health reads is kept on the event for customer-activity actions", "[events][validate]") {
    const auto decode = [](const std::string& body) {
        DecodeResult result = DecodeJson(body, kNow, DecodeLimits{});
        REQUIRE(result.status == DecodeStatus::kOk);
        REQUIRE(result.events.size() == 1);
        return result.events[0];
    };
    const Event issued = decode(R"({"action":"invoice.issued","customer_id":1,"data":{"invoice_id":"inv-7",)"
                                R"("amount":10,"currency":"EUR","due_at":"2026-12-01T00:00:00+01:00"}})");
    REQUIRE(issued.typed);
    CHECK(issued.typed->reference == "inv-7");
    CHECK(issued.typed->due_at == ParseRfc3339("2026-11-30T23:00:00Z"));
    CHECK(issued.typed->count == 1);

    const Event paid = decode(R"({"action":"invoice.paid","customer_id":1,"data":{"invoice_id":12345678901}})");
    REQUIRE(paid.typed);
    CHECK(paid.typed->reference == "12345678901");
    CHECK_FALSE(paid.typed->paid_at);

    const Event opened = decode(R"({"action":"ticket.opened","customer_id":1,"data":{"ticket_id":"t-1",)"
                                R"("priority":"urgent","created_at":"2026-11-20T08:00:00Z"}})");
    REQUIRE(opened.typed);
    CHECK(opened.typed->reference == "t-1");
    CHECK(opened.typed->priority == std::optional<std::string>("urgent"));
    CHECK(opened.typed->created_at == ParseRfc3339("2026-11-20T08:00:00Z"));

    const Event closed = decode(R"({"action":"ticket.closed","customer_id":1,"data":{"ticket_id":7,)"
                                R"("closed_at":"2026-11-21T08:00:00Z"}})");
    REQUIRE(closed.typed);
    CHECK(closed.typed->reference == "7");
    CHECK(closed.typed->closed_at == ParseRfc3339("2026-11-21T08:00:00Z"));

    const Event used = decode(R"({"action":"feature.used","customer_id":1,"data":{"feature":"export","count":4}})");
    REQUIRE(used.typed);
    CHECK(used.typed->feature == std::optional<std::string>("export"));
    CHECK(used.typed->count == 4);

    const Event call = decode(R"({"action":"api.call","customer_id":1,"data":{"endpoint":"/v1/x"}})");
    REQUIRE(call.typed);
    CHECK(call.typed->count == 1);
    CHECK_FALSE(call.typed->feature);

    CHECK(decode(R"({"action":"customer.login","customer_id":1})").typed);
    CHECK_FALSE(decode(R"({"action":"user.login","customer_id":1,"data":{"invoice_id":"x"}})").typed);
}

TEST_CASE("data is limited by its compact size and not by the whitespace sent", "[events][validate]") {
    DecodeLimits limits;
    limits.max_data_bytes = 20;
    // Compact: {"k":"0123456789ab"} is 20 bytes.
    REQUIRE(DecodeJson(EventWith(R"("data":  {  "k" :   "0123456789ab"   })"), kNow, limits).status ==
            DecodeStatus::kOk);
    const DecodeResult result = DecodeJson(EventWith(R"("data":{"k":"0123456789abc"})"), kNow, limits);
    REQUIRE(HasError(result, 0, "data", "at most 20 bytes of JSON"));
}

}  // namespace
}  // namespace auditrail::events
