// The health state kept current on write (V003): same transaction, order-independent, never double-counted.
#include <support/ingest_harness.hpp>

#include <catch2/catch.hpp>

#include <sys/wait.h>

#include <algorithm>
#include <cstdlib>
#include <random>

namespace auditrail::test {
namespace {

/// Every health-state row of `tenant`, as sorted text lines (the tenant column left out).
std::vector<std::string> StateRows(const std::string& tenant) {
    auto db = Connect();
    std::vector<std::string> lines;
    const char* queries[] = {
        "SELECT 'activity', customer_id, day, action, events, usage, first_at, last_at FROM customer_activity "
        "WHERE tenant = $1",
        "SELECT 'feature', customer_id, day, feature, first_at, last_at FROM customer_features WHERE tenant = $1",
        "SELECT 'invoice', customer_id, invoice_id, due_at, issued_at, paid_at FROM customer_invoices WHERE tenant = $1",
        "SELECT 'ticket', customer_id, ticket_id, priority, opened_at, opened_seen_at, closed_at FROM customer_tickets "
        "WHERE tenant = $1"};
    for (const char* sql : queries) {
        for (auto& line : RowLines(db->Exec(sql, {tenant}))) lines.push_back(std::move(line));
    }
    std::sort(lines.begin(), lines.end());
    return lines;
}

const std::vector<std::string> kCustomerEvents = {
    R"({"action":"customer.login","customer_id":7,"occurred_at":"2026-11-02T09:00:00Z"})",
    R"({"action":"customer.login","customer_id":7,"occurred_at":"2026-11-02T17:30:00Z"})",
    R"({"action":"api.call","customer_id":7,"occurred_at":"2026-11-03T10:00:00Z","data":{"endpoint":"/x","count":5}})",
    R"({"action":"api.call","customer_id":7,"occurred_at":"2026-11-03T11:00:00Z","data":{"endpoint":"/y"}})",
    R"({"action":"feature.used","customer_id":7,"occurred_at":"2026-11-03T12:00:00Z","data":{"feature":"export","count":2}})",
    R"({"action":"invoice.issued","customer_id":7,"occurred_at":"2026-11-01T00:00:00Z","data":{"invoice_id":"inv-1","amount":10,"currency":"EUR","due_at":"2026-11-15T00:00:00Z"}})",
    R"({"action":"invoice.paid","customer_id":7,"occurred_at":"2026-11-20T00:00:00Z","data":{"invoice_id":"inv-1"}})",
    R"({"action":"invoice.paid","customer_id":7,"occurred_at":"2026-11-10T00:00:00Z","data":{"invoice_id":"inv-2","paid_at":"2026-11-09T08:00:00Z"}})",
    R"({"action":"ticket.opened","customer_id":7,"occurred_at":"2026-11-04T00:00:00Z","data":{"ticket_id":"t-1","priority":"urgent"}})",
    R"({"action":"ticket.closed","customer_id":7,"occurred_at":"2026-11-06T00:00:00Z","data":{"ticket_id":"t-1"}})",
    R"({"action":"ticket.closed","customer_id":7,"occurred_at":"2026-11-07T00:00:00Z","data":{"ticket_id":"t-2","created_at":"2026-11-05T00:00:00Z"}})",
    R"({"action":"user.login","occurred_at":"2026-11-03T00:00:00Z"})",
};

/// A harness whose writers store every batch by COPY (copy_min_events 1) or by the pipelined INSERT (more than any
/// batch here): the health state must come out the same either way.
IngestHarness HarnessWritingBy(int copy_min_events) {
    return IngestHarness([copy_min_events](ingest::IngestConfig& config) {
        config.writer.copy_min_events = static_cast<std::size_t>(copy_min_events);
    });
}

}  // namespace

TEST_CASE("health state is the same whichever order the events arrive in", "[ingest][pg][health]") {
    const int copy_min_events = GENERATE(1, 1'000'000);
    CAPTURE(copy_min_events);
    auto harness = HarnessWritingBy(copy_min_events);
    harness.WaitReady();
    TestClient client(harness.Port());
    const auto in_order = UniqueTenant("health-in-order");
    const auto shuffled = UniqueTenant("health-shuffled");
    for (const auto& event : kCustomerEvents) {
        REQUIRE(PostEvents(client, TestToken(in_order, "events:write"), event).status == 201);
    }
    std::vector<std::string> reversed(kCustomerEvents.rbegin(), kCustomerEvents.rend());
    for (const auto& event : reversed) {
        REQUIRE(PostEvents(client, TestToken(shuffled, "events:write"), event).status == 201);
    }
    const auto expected = StateRows(in_order);
    CHECK(StateRows(shuffled) == expected);

    // And what the rows say, checked by hand.
    auto db = Connect();
    const auto logins = db->Exec(
        "SELECT events, to_char(first_at, 'HH24:MI'), to_char(last_at, 'HH24:MI') FROM customer_activity "
        "WHERE tenant = $1 AND action = 'customer.login'", {in_order});
    REQUIRE(logins.Rows() == 1);
    CHECK(logins.Get(0, 0) == "2");
    CHECK(logins.Get(0, 1) == "09:00");
    CHECK(logins.Get(0, 2) == "17:30");
    CHECK(db->Exec("SELECT usage FROM customer_activity WHERE tenant = $1 AND action = 'api.call'", {in_order})
              .Get(0, 0) == "6");
    const auto invoices = db->Exec(
        "SELECT invoice_id, due_at IS NOT NULL, to_char(paid_at, 'MM-DD HH24') FROM customer_invoices "
        "WHERE tenant = $1 ORDER BY invoice_id", {in_order});
    REQUIRE(invoices.Rows() == 2);
    CHECK(invoices.Get(0, 2) == "11-20 00");
    CHECK(invoices.Get(1, 1) == "f");  // paid, issue not seen yet
    CHECK(invoices.Get(1, 2) == "11-09 08");
    const auto tickets = db->Exec(
        "SELECT ticket_id, priority, to_char(opened_at, 'MM-DD'), to_char(closed_at, 'MM-DD') FROM customer_tickets "
        "WHERE tenant = $1 ORDER BY ticket_id", {in_order});
    REQUIRE(tickets.Rows() == 2);
    CHECK(tickets.Get(0, 1) == "urgent");
    CHECK(tickets.Get(0, 3) == "11-06");
    CHECK(tickets.Get(1, 1) == "normal");  // known only from its close
    CHECK(tickets.Get(1, 2) == "11-05");
    // The audit event without a customer_id changes no health state.
    CHECK(db->Exec("SELECT count(*) FROM customer_activity WHERE tenant = $1 AND action = 'user.login'",
                   {in_order}).GetInt(0, 0) == 0);
}

/// `auditrail health-rebuild --tenant <tenant>` against the test database: its exit status.
static int RunHealthRebuild(const std::string& tenant) {
    const char* bin_dir = std::getenv("AUDITRAIL_BIN_DIR");
    REQUIRE(bin_dir != nullptr);
    const std::string command = std::string(bin_dir) + "/auditrail health-rebuild --database-url '" + DatabaseUrl() +
                                "' --tenant " + tenant + " >/dev/null";
    const int status = std::system(command.c_str());
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

TEST_CASE("health-rebuild recomputes from the events exactly the state the writers kept", "[ingest][pg][health]") {
    auto harness = HarnessWritingBy(1'000'000);
    harness.WaitReady();
    TestClient client(harness.Port());
    const auto tenant = UniqueTenant("health-rebuild");
    for (const auto& event : kCustomerEvents) {
        REQUIRE(PostEvents(client, TestToken(tenant, "events:write"), event).status == 201);
    }
    const auto kept = StateRows(tenant);
    REQUIRE_FALSE(kept.empty());
    REQUIRE(RunHealthRebuild(tenant) == 0);
    CHECK(StateRows(tenant) == kept);

    // A tenant whose events are gone (retention) has its state cleared, not kept for ever.
    Connect()->Exec("DELETE FROM events WHERE tenant = $1", {tenant});
    REQUIRE(RunHealthRebuild(tenant) == 0);
    CHECK(StateRows(tenant).empty());
    // A tenant with neither (a misspelt name) is an error, not a rebuild of nothing.
    CHECK(RunHealthRebuild(tenant) == 1);
}

TEST_CASE("a retried batch does not count its events twice in the health state", "[ingest][pg][health]") {
    const int copy_min_events = GENERATE(1, 1'000'000);
    CAPTURE(copy_min_events);
    auto harness = HarnessWritingBy(copy_min_events);
    harness.WaitReady();
    TestClient client(harness.Port());
    const auto tenant = UniqueTenant("health-retry");
    const auto token = TestToken(tenant, "events:write");
    const std::string login =
        R"({"id":"0b7e2d6a-1111-4c4c-9a9a-000000000001","action":"customer.login","customer_id":3,"occurred_at":"2026-11-10T10:00:00Z"})";
    REQUIRE(PostEvents(client, token, login).status == 201);
    // The retry, plus one new login, goes through the de-duplicating path.
    const std::string second =
        R"({"id":"0b7e2d6a-1111-4c4c-9a9a-000000000002","action":"customer.login","customer_id":3,"occurred_at":"2026-11-10T11:00:00Z"})";
    REQUIRE(PostEvents(client, token, R"({"events":[)" + login + "," + second + "," + second + "]}").status == 201);
    auto db = Connect();
    CHECK(db->Exec("SELECT events FROM customer_activity WHERE tenant = $1", {tenant}).Get(0, 0) == "2");
}

TEST_CASE("the actions HEALTH.md does not count per day share a bucket per customer and day, written again only for "
          "an earlier event", "[ingest][pg][health]") {
    // One writer, no folds: every row a batch writes stays visible as its own pending row.
    IngestHarness harness([](ingest::IngestConfig& config) {
        WithoutBackgroundFolds(config);
        config.writer.writers = 1;
    });
    harness.WaitReady();
    TestClient client(harness.Port());
    const auto tenant = UniqueTenant("health-other-actions");
    const auto token = TestToken(tenant, "events:write");
    auto db = Connect();
    const auto pending_rows = [&] {
        return db->Exec("SELECT count(*) FROM customer_activity_pending WHERE tenant = $1", {tenant}).GetInt(0, 0);
    };
    const auto bucket = [&] {
        return db->Exec("SELECT action, to_char(first_at, 'HH24:MI'), to_char(last_at, 'HH24:MI') "
                        "FROM customer_activity WHERE tenant = $1 AND customer_id = 4", {tenant});
    };
    REQUIRE(PostEvents(client, token,
                       R"({"events":[)" + CustomerEvent(4, "document.viewed", "2026-11-10T10:00:00Z") + "," +
                           CustomerEvent(4, "ticket.opened", "2026-11-10T11:00:00Z", R"({"ticket_id":"t-9"})") + "]}")
                .status == 201);
    CHECK(pending_rows() == 1);
    auto rows = bucket();
    REQUIRE(rows.Rows() == 1);
    CHECK(rows.Get(0, 0) == "*");
    CHECK(rows.Get(0, 1) == "10:00");
    CHECK(rows.Get(0, 2) == "11:00");

    // Later the same day: the stored bucket already shows that day's first event, so nothing is written.
    REQUIRE(PostEvents(client, token, CustomerEvent(4, "document.viewed", "2026-11-10T15:00:00Z")).status == 201);
    CHECK(pending_rows() == 1);
    // Another day, and an earlier event of the same day: each is a new row, and the bucket's first is exact.
    REQUIRE(PostEvents(client, token, CustomerEvent(4, "document.viewed", "2026-11-11T09:00:00Z")).status == 201);
    REQUIRE(PostEvents(client, token, CustomerEvent(4, "document.viewed", "2026-11-10T08:30:00Z")).status == 201);
    CHECK(pending_rows() == 3);
    rows = bucket();
    REQUIRE(rows.Rows() == 2);
    CHECK(db->Exec("SELECT to_char(first_at, 'HH24:MI') FROM customer_activity WHERE tenant = $1 "
                   "AND day = '2026-11-10'", {tenant}).Get(0, 0) == "08:30");
    // The ticket is kept as a ticket all the same.
    CHECK(db->Exec("SELECT count(*) FROM customer_tickets WHERE tenant = $1 AND ticket_id = 't-9'", {tenant})
              .GetInt(0, 0) == 1);
    // The counted actions keep a row per batch, with their counts.
    REQUIRE(PostEvents(client, token, CustomerEvent(4, "customer.login", "2026-11-10T16:00:00Z")).status == 201);
    REQUIRE(PostEvents(client, token, CustomerEvent(4, "customer.login", "2026-11-10T17:00:00Z")).status == 201);
    CHECK(pending_rows() == 5);
    CHECK(db->Exec("SELECT events FROM customer_activity WHERE tenant = $1 AND action = 'customer.login'", {tenant})
              .GetInt(0, 0) == 2);
}

}  // namespace auditrail::test
