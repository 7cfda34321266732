// The event form's fields as the JSON the ingest decoder judges: typed numbers and times, empty fields omitted.
#include <catch2/catch.hpp>
#include <src/event_form.hpp>

namespace auditrail::query {
namespace {

EventFormValues Values(std::initializer_list<std::pair<const char*, const char*>> entered) {
    http::Params form;
    for (const auto& [name, value] : entered) form.emplace_back(name, value);
    return ReadEventForm(form);
}

}  // namespace

TEST_CASE("the form's fields become one API event, data fields inside data and empty ones left out", "[forms]") {
    const auto json = EventJsonOf(Values({{"action", "invoice.issued"},
                                          {"occurred_at", "2026-11-20T09:15"},
                                          {"message", "a \"quoted\" <b>note</b>"},
                                          {"invoice_id", "inv-1"},
                                          {"amount", " 120.50 "},
                                          {"currency", "EUR"},
                                          {"due_at", "2026-12-01T00:00:30"},
                                          {"ticket_id", ""},
                                          {"unknown", "ignored"}}),
                                  42);
    CHECK(json ==
          R"({"category":"customer","customer_id":42,"action":"invoice.issued","occurred_at":"2026-11-20T09:15:00Z",)"
          R"("message":"a \"quoted\" <b>note</b>","data":{"invoice_id":"inv-1","amount":120.5,"currency":"EUR",)"
          R"("due_at":"2026-12-01T00:00:30Z"}})");
    CHECK(EventJsonOf(Values({{"action", "customer.login"}}), 7) ==
          R"({"category":"customer","customer_id":7,"action":"customer.login"})");
}

TEST_CASE("numbers go to the validator as numbers only when they are JSON numbers it can read", "[forms]") {
    const auto data_of = [](const char* count) {
        const auto json = EventJsonOf(Values({{"action", "api.call"}, {"count", count}}), 1);
        return json.substr(json.find("\"data\":"));
    };
    CHECK(data_of("3") == R"("data":{"count":3}})");
    CHECK(data_of("-1") == R"("data":{"count":-1}})");
    CHECK(data_of("1e3") == R"("data":{"count":1000.0}})");  // a fraction, as in the API
    CHECK(data_of("5.0") == R"("data":{"count":5.0}})");
    CHECK(data_of("99999999999999999999") == R"("data":{"count":1e+20}})");
    CHECK(data_of("two") == R"("data":{"count":"two"}})");
    CHECK(data_of("1e999") == R"("data":{"count":"1e999"}})");
    CHECK(data_of("0x10") == R"("data":{"count":"0x10"}})");
    CHECK(data_of("1,5") == R"("data":{"count":"1,5"}})");
}

TEST_CASE("times: datetime-local is read as UTC, RFC 3339 and anything else go as typed", "[forms]") {
    const auto occurred = [](const char* text) {
        const auto json = EventJsonOf(Values({{"action", "customer.login"}, {"occurred_at", text}}), 1);
        const auto start = json.find("\"occurred_at\":\"") + 15;
        return json.substr(start, json.find('"', start) - start);
    };
    CHECK(occurred("2026-11-20T09:15") == "2026-11-20T09:15:00Z");
    CHECK(occurred("2026-11-20 09:15:07") == "2026-11-20T09:15:07Z");
    CHECK(occurred("2026-11-20T09:15:07.250") == "2026-11-20T09:15:07.250Z");
    CHECK(occurred("2026-11-20T09:15:07+02:00") == "2026-11-20T09:15:07+02:00");
    CHECK(occurred("2026-11-20T09:15:07Z") == "2026-11-20T09:15:07Z");
    CHECK(occurred("yesterday") == "yesterday");
    CHECK(DatetimeLocalOf("2026-11-20T09:15:07.250+02:00") == "2026-11-20T07:15:07");
    CHECK(DatetimeLocalOf("2026-11-20T09:15") == "2026-11-20T09:15");
}

TEST_CASE("validator errors name the form field", "[forms]") {
    CHECK(FieldErrorText({0, "data.due_at", "is required"}) == "Due at (due_at): is required");
    CHECK(FieldErrorText({0, "occurred_at", "not an RFC 3339 timestamp"}) ==
          "Occurred at (occurred_at): not an RFC 3339 timestamp");
    CHECK(FieldErrorText({0, "customer_id", "must be at least 0"}) == "Customer id (customer_id): must be at least 0");
    CHECK(FieldErrorText({0, "data", "must be at most 32768 bytes of JSON"}) ==
          "data: must be at most 32768 bytes of JSON");
}

}  // namespace auditrail::query
