// The demo's scenario customers (auditrail demo) cover every band and signal, and the health snapshot behind
// the default at-risk list answers exactly what scoring at its as_of answers.
#include <simdjson.h>

#include <algorithm>
#include <auditrail/events/time.hpp>
#include <auditrail/health/score.hpp>
#include <catch2/catch.hpp>
#include <cstdlib>
#include <set>
#include <thread>
#include <src/health_scores.hpp>
#include <src/health_snapshot.hpp>
#include <support/pg_fixture.hpp>
#include <support/query_harness.hpp>
#include <support/test_client.hpp>

namespace auditrail::test {
namespace {

using namespace std::chrono_literals;

/// A tenant holding only `auditrail demo`'s scenario customers (1001-1008), loaded by the tool itself.
std::string DemoTenant() {
    const char* bin = std::getenv("AUDITRAIL_BIN_DIR");
    REQUIRE(bin != nullptr);  // scripts/test sets it; a missing binary directory is a failure, not a skip
    const auto tenant = UniqueTenant("demo");
    const std::string command = std::string(bin) + "/auditrail demo --database-url '" + DatabaseUrl() +
                                "' --events 0 --tenants 1 --tenant " + tenant + " >/dev/null";
    REQUIRE(std::system(command.c_str()) == 0);
    return tenant;
}

const std::string& SharedDemoTenant() {
    static const std::string tenant = DemoTenant();
    return tenant;
}

}  // namespace

TEST_CASE("loading the demo into a tenant that holds it already loads nothing", "[health][pg]") {
    const auto& tenant = SharedDemoTenant();
    auto connection = Connect();
    const std::string count_sql = "SELECT count(*) FROM events WHERE tenant = $1";
    const auto before = connection->Exec(count_sql, {tenant}).GetInt(0, 0);
    REQUIRE(before > 0);
    const std::string command = std::string(std::getenv("AUDITRAIL_BIN_DIR")) + "/auditrail demo --database-url '" +
                                DatabaseUrl() + "' --events 0 --tenants 1 --tenant " + tenant + " | grep -q 'already holds'";
    CHECK(std::system(command.c_str()) == 0);
    CHECK(connection->Exec(count_sql, {tenant}).GetInt(0, 0) == before);
}

TEST_CASE("the demo's scenario customers show every band and every HEALTH.md signal now", "[health][pg]") {
    const auto& tenant = SharedDemoTenant();
    auto connection = Connect();
    const auto list = query::ListAtRisk(*connection, {}, tenant, events::NowUs(), 101, 1000);
    REQUIRE(list.customers.size() == 8);
    CHECK(list.totals.healthy >= 1);
    CHECK(list.totals.watch >= 1);
    CHECK(list.totals.at_risk >= 1);

    std::set<std::string> bands;
    std::set<std::string> signals;  // code/severity
    for (const auto& report : list.customers) {
        bands.emplace(health::BandName(report.band));
        for (const auto& signal : report.signals) {
            signals.insert(signal.code + "/" + std::string(health::SeverityName(signal.severity)));
        }
    }
    CHECK(bands == std::set<std::string>{"healthy", "watch", "at_risk"});
    CHECK(signals == std::set<std::string>{"no_recent_login/warning", "login_drop/warning", "invoice_overdue/warning",
                                           "invoice_overdue/critical", "late_payments/warning", "ticket_spike/warning",
                                           "urgent_ticket_open/critical", "usage_decline/warning",
                                           "inactive/critical"});
}

TEST_CASE("one customer's health, read in one statement, scores as the tenant-wide loader does", "[health][pg]") {
    const auto& tenant = SharedDemoTenant();
    auto connection = Connect();
    // Mid-day as well as now: the window edges then fall inside days with events.
    const events::TimeUs now = events::NowUs();
    for (const events::TimeUs as_of : {now, (now / health::kDayUs) * health::kDayUs + health::kDayUs / 2}) {
        const auto list = query::ListAtRisk(*connection, {}, tenant, as_of, 101, 1000);
        REQUIRE(list.customers.size() == 8);
        for (const auto& expected : list.customers) {
            const auto trend = query::CustomerHealth(*connection, {}, tenant, expected.customer_id, as_of);
            REQUIRE(trend);
            INFO("customer " << expected.customer_id);
            CHECK(trend->report.score == expected.score);
            CHECK(trend->report.band == expected.band);
            CHECK(trend->report.signals.size() == expected.signals.size());
            const auto before = query::ListAtRisk(*connection, {}, tenant, as_of - 30 * health::kDayUs, 101, 1000);
            for (const auto& earlier : before.customers) {
                if (earlier.customer_id == expected.customer_id) CHECK(trend->score_30_days_ago == earlier.score);
            }
        }
    }
}

TEST_CASE("the health snapshot holds what scoring at its as_of gives, and only while fresh", "[health][pg]") {
    const auto& tenant = SharedDemoTenant();
    auto connection = Connect();
    const health::HealthSettings settings;
    const events::TimeUs as_of = events::NowUs();

    CHECK(!query::ReadAtRiskSnapshot(*connection, settings, tenant, 100, 1000));
    const auto due = query::TenantsToRefresh(*connection, settings, 3600s);
    CHECK(std::find(due.begin(), due.end(), tenant) != due.end());

    REQUIRE(query::RefreshHealthSnapshot(*connection, settings, tenant, as_of, 3600s) == 8);
    const auto snapshot = query::ReadAtRiskSnapshot(*connection, settings, tenant, 100, 1000);
    REQUIRE(snapshot);
    const auto exact = query::ListAtRisk(*connection, settings, tenant, as_of, 100, 1000);
    CHECK(snapshot->as_of == as_of);
    CHECK(snapshot->totals.healthy == exact.totals.healthy);
    CHECK(snapshot->totals.watch == exact.totals.watch);
    CHECK(snapshot->totals.at_risk == exact.totals.at_risk);
    REQUIRE(snapshot->customers.size() == exact.customers.size());
    for (std::size_t i = 0; i < exact.customers.size(); ++i) {
        const auto& got = snapshot->customers[i];
        const auto& want = exact.customers[i];
        CHECK(got.customer_id == want.customer_id);
        CHECK(got.score == want.score);
        CHECK(got.band == want.band);
        REQUIRE(got.signals.size() == want.signals.size());
        for (std::size_t s = 0; s < want.signals.size(); ++s) {
            CHECK(got.signals[s].code == want.signals[s].code);
            CHECK(got.signals[s].severity == want.signals[s].severity);
            CHECK(got.signals[s].message == want.signals[s].message);
        }
    }
    // Threshold and limit apply to the snapshot as to the exact list.
    const auto two = query::ReadAtRiskSnapshot(*connection, settings, tenant, 50, 2);
    REQUIRE(two);
    const auto exact_two = query::ListAtRisk(*connection, settings, tenant, as_of, 50, 2);
    REQUIRE(two->customers.size() == exact_two.customers.size());
    for (std::size_t i = 0; i < two->customers.size(); ++i) {
        CHECK(two->customers[i].customer_id == exact_two.customers[i].customer_id);
    }
    CHECK(query::ReadAtRiskSnapshot(*connection, settings, tenant, 0, 10)->customers.empty());

    // Fresh for this tenant now; scored with other settings, it is neither used nor left alone.
    const auto fresh = query::TenantsToRefresh(*connection, settings, 3600s);
    CHECK(std::find(fresh.begin(), fresh.end(), tenant) == fresh.end());
    health::HealthSettings other;
    other.healthy_min = 80;
    CHECK(!query::ReadAtRiskSnapshot(*connection, other, tenant, 100, 1000));
    const auto others = query::TenantsToRefresh(*connection, other, 3600s);
    CHECK(std::find(others.begin(), others.end(), tenant) != others.end());

    // Past its freshness, readers no longer use it.
    REQUIRE(query::RefreshHealthSnapshot(*connection, settings, tenant, as_of, 0s) == 8);
    CHECK(!query::ReadAtRiskSnapshot(*connection, settings, tenant, 100, 1000));
}

TEST_CASE("a tenant whose state cannot be scored does not keep the refresh from the tenants after it", "[health][pg]") {
    auto connection = Connect();
    // Both never refreshed, so they are due in name order: the unscorable one first.
    const auto unscorable = UniqueTenant("a-unscorable");
    const auto scorable = UniqueTenant("b-scorable");
    // An infinite timestamp cannot become the loader's microseconds: scoring that tenant fails in PostgreSQL.
    const std::string insert =
        "INSERT INTO customer_activity_daily (tenant, customer_id, day, action, events, usage, first_at, last_at)"
        " VALUES ($1, 1, current_date, 'customer.login', 1, 0, $2::timestamptz, $2::timestamptz)";
    connection->Exec(insert, {unscorable, "infinity"});
    connection->Exec(insert, {scorable, "now"});
    struct RemoveUnscorable {
        pg::Connection& connection;
        const std::string& tenant;
        ~RemoveUnscorable() { connection.Exec("DELETE FROM customer_activity_daily WHERE tenant = $1", {tenant}); }
    } remove{*connection, unscorable};
    REQUIRE_THROWS(query::RefreshHealthSnapshot(*connection, {}, unscorable, events::NowUs(), 3600s));

    query::HealthSnapshotRefresher refresher({std::chrono::seconds(3600), DatabaseUrl()}, {});
    refresher.Start();
    const auto deadline = std::chrono::steady_clock::now() + 60s;
    bool refreshed = false;
    while (!refreshed && std::chrono::steady_clock::now() < deadline) {
        refreshed = connection->Exec("SELECT 1 FROM health_snapshot_runs WHERE tenant = $1", {scorable}).Rows() == 1;
        if (!refreshed) std::this_thread::sleep_for(100ms);
    }
    refresher.Stop();
    CHECK(refreshed);
    CHECK(connection->Exec("SELECT 1 FROM health_snapshot_runs WHERE tenant = $1", {unscorable}).Rows() == 0);
}

TEST_CASE("the default at-risk answer is the snapshot's, as of its refresh; an explicit as_of is exact",
          "[health][pg]") {
    const auto tenant = DemoTenant();
    QueryHarness query([](query::QueryConfig& config) { config.health_snapshot_interval = 0s; });
    const auto token = TestToken(tenant, "health:read");
    TestClient client(query.Port());
    simdjson::dom::parser parser;

    // No snapshot yet: scored exactly at now.
    const events::TimeUs before = events::NowUs();
    const auto exact_now = Get(client, token, "/v1/customers/at-risk?threshold=100");
    REQUIRE(exact_now.status == 200);
    const auto now_as_of = events::ParseRfc3339(std::string_view(parser.parse(exact_now.body)["as_of"]));
    REQUIRE(now_as_of);
    CHECK(*now_as_of >= before);

    // With one: its as_of, and the same body as asking for that as_of explicitly.
    auto connection = Connect();
    const events::TimeUs as_of = events::NowUs() - 45 * 1'000'000;
    REQUIRE(query::RefreshHealthSnapshot(*connection, {}, tenant, as_of, 3600s) == 8);
    const auto from_snapshot = Get(client, token, "/v1/customers/at-risk?threshold=100&limit=5");
    INFO(from_snapshot.body);
    REQUIRE(from_snapshot.status == 200);
    CHECK(std::string_view(parser.parse(from_snapshot.body)["as_of"]) == events::FormatRfc3339(as_of));
    const auto explicit_as_of =
        Get(client, token, "/v1/customers/at-risk?threshold=100&limit=5&as_of=" + events::FormatRfc3339(as_of));
    CHECK(explicit_as_of.body == from_snapshot.body);
    CHECK(parser.parse(from_snapshot.body)["customers"].get_array().size() == 5);

    // The dashboard lists the same snapshot and says when it was taken.
    const auto dashboard =
        client.Request("GET", "/dashboard", "", {{"Cookie", "auditrail_session=" + TestToken(tenant, "health:read")}});
    REQUIRE(dashboard.status == 200);
    CHECK(dashboard.body.find("as of <time datetime=\"" + events::FormatRfc3339(as_of) + "\">") != std::string::npos);
}

}  // namespace auditrail::test
