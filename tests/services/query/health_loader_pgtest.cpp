// The tenant-wide health loader (at-risk lists, snapshot refresh) and the one-customer loader read the same state,
// whether a customer's buckets are folded, pending, or both for the same day and action (V007).
#include <support/ingest_harness.hpp>

#include <src/health_loader.hpp>

#include <auditrail/events/time.hpp>
#include <auditrail/health/report_json.hpp>
#include <auditrail/health/score.hpp>

#include <catch2/catch.hpp>

#include <string>

namespace auditrail::test {
namespace {

std::string Event(int customer, const std::string& action, events::TimeUs at, const std::string& data = "") {
    return CustomerEvent(customer, action, events::FormatRfc3339(at), data);
}

}  // namespace

TEST_CASE("both health loaders agree on folded, pending and mixed buckets", "[query][pg][health]") {
    IngestHarness harness(WithoutBackgroundFolds);
    harness.WaitReady();
    TestClient client(harness.Port());
    const auto tenant = UniqueTenant("health-loaders");
    const auto token = TestToken(tenant, "events:write");
    const events::TimeUs day = health::kDayUs;
    const events::TimeUs as_of = (events::NowUs() / day) * day + 15 * 3600 * 1'000'000LL;  // today 15:00 UTC
    const auto post = [&](const std::string& event) { REQUIRE(PostEvents(client, token, event).status == 201); };

    // Customer 1: folded only, with a bucket long before the 90 days. Customer 2: folded, then more events of the
    // same days and actions (pending on top of daily rows). Customer 3: pending only.
    post(Event(1, "customer.login", as_of - 200 * day));
    for (int d = 1; d <= 40; d += 3) {
        post(Event(1, "customer.login", as_of - d * day));
        post(Event(2, "api.call", as_of - d * day, R"({"endpoint":"/x","count":4})"));
        post(Event(2, "feature.used", as_of - d * day, R"({"feature":"export"})"));
    }
    auto db = Connect();
    FoldAllPending(*db, tenant);
    for (int d = 1; d <= 40; d += 3) {
        post(Event(2, "api.call", as_of - d * day + 3600 * 1'000'000LL, R"({"endpoint":"/y","count":2})"));
        post(Event(2, "feature.used", as_of - d * day - 3600 * 1'000'000LL, R"({"feature":"export"})"));
        post(Event(3, "customer.login", as_of - d * day));
    }
    // (Another test process's folder may fold these too; the loaders must agree either way.)

    const auto tenant_states = query::LoadTenantStates(*db, tenant, as_of);
    REQUIRE(tenant_states.size() == 3);
    for (const auto& from_tenant : tenant_states) {
        INFO("customer " << from_tenant.customer_id);
        const events::TimeUs as_ofs[] = {as_of};
        const auto alone = query::LoadCustomerState(*db, tenant, from_tenant.customer_id, as_ofs);
        REQUIRE(alone);
        CHECK(health::ToJson(health::Score(from_tenant, as_of)) == health::ToJson(health::Score(*alone, as_of)));
    }
    // And what customer 2's usage says: 10 of those days fall in the last 30, each with api.call counts 4 and 2
    // and two feature.used (count 1 each).
    CHECK(tenant_states[1].customer_id == 2);
    CHECK(health::Score(tenant_states[1], as_of).measurements.usage == 10 * (4 + 2 + 1 + 1));
}

TEST_CASE("the tenant loader splits several actions cut by one edge on the same day exactly", "[query][pg][health]") {
    IngestHarness harness;
    harness.WaitReady();
    TestClient client(harness.Port());
    const auto tenant = UniqueTenant("health-cuts");
    const auto token = TestToken(tenant, "events:write");
    const events::TimeUs day = health::kDayUs, hour = 3600 * 1'000'000LL;
    // The latest 15:00 UTC at least an hour ago: the event after as_of must not be in the future, which is refused.
    const events::TimeUs now = events::NowUs();
    events::TimeUs as_of = (now / day) * day + 15 * hour;
    if (as_of + hour > now) as_of -= day;
    const events::TimeUs edge = as_of - 30 * day;                              // W's start, P's end
    const auto post = [&](const std::string& event) { REQUIRE(PostEvents(client, token, event).status == 201); };
    // One customer, one day, three actions whose buckets each straddle the edge; one more event after as_of.
    post(Event(7, "customer.login", edge - hour));
    post(Event(7, "customer.login", edge + hour));
    post(Event(7, "api.call", edge - 2 * hour, R"({"endpoint":"/x","count":3})"));
    post(Event(7, "api.call", edge + 2 * hour, R"({"endpoint":"/x","count":5})"));
    post(Event(7, "feature.used", edge - hour / 2, R"({"feature":"export"})"));
    post(Event(7, "feature.used", edge + hour / 2, R"({"feature":"export"})"));
    post(Event(7, "customer.login", as_of + hour / 2));

    auto db = Connect();
    const auto tenant_states = query::LoadTenantStates(*db, tenant, as_of);
    REQUIRE(tenant_states.size() == 1);
    const auto measured = health::Score(tenant_states[0], as_of).measurements;
    CHECK(measured.logins == 1);
    CHECK(measured.logins_prev == 1);
    CHECK(measured.usage == 5 + 1);
    CHECK(measured.usage_prev == 3 + 1);
    const events::TimeUs as_ofs[] = {as_of};
    const auto alone = query::LoadCustomerState(*db, tenant, 7, as_ofs);
    REQUIRE(alone);
    CHECK(health::ToJson(health::Score(tenant_states[0], as_of)) == health::ToJson(health::Score(*alone, as_of)));
}

}  // namespace auditrail::test
