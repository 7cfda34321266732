// The two ways a batch's events reach `events`: COPY rows (AppendEventRow) and the pipelined INSERT's arrays
// (EventArrays). Both must store exactly the same values, NULLs and all.
#include <support/pg_fixture.hpp>

#include <src/event_rows.hpp>

#include <auditrail/pg/connection.hpp>
#include <auditrail/pg/errors.hpp>
#include <auditrail/pg/partitions.hpp>

#include <catch2/catch.hpp>

namespace auditrail::test {
namespace {

constexpr events::TimeUs kOccurredAt = 1'795'000'000'123'456LL;  // 2026-11-18T11:06:40.123456Z

/// One request with an event that has every optional field, and one that has none of them.
ingest::WriteRequest RequestWithBothKinds(const std::string& tenant) {
    ingest::WriteRequest request;
    request.tenant = tenant;
    request.ingested_by = "svc-billing";
    request.received_at = kOccurredAt + 5'000'000;
    events::Event full;
    full.id = "6f1c2b9e-8d4a-4e3b-9f1a-2c3d4e5f6a7b";
    full.occurred_at = kOccurredAt;
    full.category = "billing";
    full.action = "invoice.paid";
    full.outcome = "failure";
    full.actor_id = "u-42";
    full.actor_type = "user";
    full.actor_name = "Zoë \"Z\" O'Brien, \\ {admin}";
    full.actor_ip = "2001:db8::1";
    full.actor_user_agent = "curl/8.0";
    full.customer_id = 9'007'199'254'740'993LL;
    full.store_id = -3;
    full.resource_type = "invoice";
    full.resource_id = "inv-1";
    full.message = "paid\nin full";
    full.data = R"({"invoice_id":"inv-1","amount":12.5,"tags":["a","b"],"nested":{"x":null}})";
    events::Event bare;
    bare.id = "00000000-0000-4000-8000-000000000000";
    bare.occurred_at = kOccurredAt + 1;
    bare.action = "user.login";
    request.events = {full, bare};
    return request;
}

}  // namespace

TEST_CASE("an event stored by the pipelined INSERT is the same as the one stored by COPY", "[ingest][pg]") {
    auto db = Connect();
    pg::EnsureMonthPartition(*db, kOccurredAt);
    const auto by_insert = RequestWithBothKinds(UniqueTenant("rows-insert"));
    const auto by_copy = RequestWithBothKinds(UniqueTenant("rows-copy"));

    ingest::EventArrays arrays;
    for (const auto& event : by_insert.events) arrays.Add(by_insert, event);
    db->ExecPipeline({{"", &ingest::kInsertEventsSql, arrays.Finish(), true}});
    pg::BinaryCopyBuffer rows;
    for (const auto& event : by_copy.events) ingest::AppendEventRow(rows, by_copy, event);
    db->CopyIn(ingest::CopyEventsSql("events"), rows.Finish());

    const std::string columns =
        "SELECT occurred_at, id, received_at, category, action, outcome, actor_id, actor_type, actor_name, actor_ip, "
        "actor_user_agent, customer_id, store_id, resource_type, resource_id, message, data, ingested_by "
        "FROM events WHERE tenant = $1 ORDER BY occurred_at";
    const auto inserted = RowLines(db->Exec(columns, {by_insert.tenant}));
    REQUIRE(inserted.size() == 2);
    CHECK(inserted == RowLines(db->Exec(columns, {by_copy.tenant})));

    // And the values themselves, for the event with every field and the one with none.
    const auto full = db->Exec(
        "SELECT actor_name, customer_id, store_id, message, data->'nested' ? 'x', data->>'amount', "
        "to_char(occurred_at, 'YYYY-MM-DD\"T\"HH24:MI:SS.US'), category, outcome FROM events "
        "WHERE tenant = $1 AND id = '6f1c2b9e-8d4a-4e3b-9f1a-2c3d4e5f6a7b'",
        {by_insert.tenant});
    REQUIRE(full.Rows() == 1);
    CHECK(full.Get(0, 0) == "Zoë \"Z\" O'Brien, \\ {admin}");
    CHECK(full.Get(0, 1) == "9007199254740993");
    CHECK(full.Get(0, 2) == "-3");
    CHECK(full.Get(0, 3) == "paid\nin full");
    CHECK(full.Get(0, 4) == "t");
    CHECK(full.Get(0, 5) == "12.5");
    CHECK(full.Get(0, 6) == "2026-11-18T11:06:40.123456");
    CHECK(full.Get(0, 7) == "billing");
    CHECK(full.Get(0, 8) == "failure");
    const auto bare = db->Exec(
        "SELECT num_nulls(actor_id, actor_type, actor_name, actor_ip, actor_user_agent, customer_id, store_id, "
        "resource_type, resource_id, message, data), category, outcome, ingested_by FROM events "
        "WHERE tenant = $1 AND id = '00000000-0000-4000-8000-000000000000'",
        {by_insert.tenant});
    REQUIRE(bare.Rows() == 1);
    CHECK(bare.Get(0, 0) == "11");
    CHECK(bare.Get(0, 1) == "general");
    CHECK(bare.Get(0, 2) == "success");
    CHECK(bare.Get(0, 3) == "svc-billing");
}

TEST_CASE("the pipelined INSERT refuses a duplicate event as COPY does, with a unique violation", "[ingest][pg]") {
    auto db = Connect();
    pg::EnsureMonthPartition(*db, kOccurredAt);
    const auto request = RequestWithBothKinds(UniqueTenant("rows-duplicate"));
    ingest::EventArrays arrays;
    for (const auto& event : request.events) arrays.Add(request, event);
    const auto params = arrays.Finish();
    db->ExecPipeline({{"", &ingest::kInsertEventsSql, params, true}});
    try {
        db->ExecPipeline({{"", &ingest::kInsertEventsSql, params, true}});
        FAIL("the second insert of the same events succeeded");
    } catch (const pg::QueryError& error) {
        CHECK(error.IsUniqueViolation());
    }
    CHECK(db->Exec("SELECT count(*) FROM events WHERE tenant = $1", {request.tenant}).GetInt(0, 0) == 2);
}

}  // namespace auditrail::test
