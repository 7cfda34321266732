// Parameters → validated filter → SQL, without a database.
#include <auditrail/events/time.hpp>
#include <auditrail/http/problem.hpp>
#include <catch2/catch.hpp>
#include <src/cursor.hpp>
#include <src/search_filter.hpp>

namespace auditrail::query {
namespace {

const events::TimeUs kNow = *events::ParseRfc3339("2026-11-23T10:00:00Z");

SearchFilter Parse(http::Params params, FilterUse use = FilterUse::kSearch) {
    return ParseSearchFilter(params, use, kNow);
}

/// The `parameter` member of the 400 that `params` get, or "" when they are accepted.
std::string RefusedParameter(const http::Params& params, FilterUse use = FilterUse::kSearch) {
    try {
        Parse(params, use);
        return "";
    } catch (const http::HttpError& error) {
        REQUIRE(error.status == 400);
        REQUIRE(error.code == "invalid_parameter");
        const auto start = error.extra_members.find(":\"") + 2;
        return error.extra_members.substr(start, error.extra_members.size() - start - 1);
    }
}

}  // namespace

TEST_CASE("search filter defaults: from 30 days before now to 5 minutes after, newest first, 100 a page", "[query]") {
    constexpr long long kDayUs = 24LL * 3600 * 1000000;
    const auto filter = Parse({});
    CHECK(filter.to == kNow + 5LL * 60 * 1000000);
    CHECK(filter.from == kNow - 30 * kDayUs);
    // A `to` given alone ends a window of 30 days.
    const auto until = Parse({{"to", "2026-01-31T00:00:00Z"}});
    CHECK(until.from == until.to - 30 * kDayUs);
    CHECK(filter.order == SortOrder::kDesc);
    CHECK(filter.limit == 100);
    CHECK_FALSE(filter.count);
}

TEST_CASE("every bad search parameter is refused naming the parameter", "[query]") {
    const std::vector<std::pair<http::Params, std::string>> cases = {
        {{{"from", "yesterday"}}, "from"},
        {{{"from", "0001-01-01T00:00:00+01:00"}}, "from"},  // year 0 in UTC
        {{{"to", "2026-11-23T10:00:00"}}, "to"},  // no offset
        {{{"from", "2026-11-23T10:00:00Z"}, {"to", "2026-11-23T10:00:00Z"}}, "to"},
        {{{"from", "2026-11-24T10:00:00Z"}, {"to", "2026-11-23T10:00:00Z"}}, "to"},
        {{{"limit", "0"}}, "limit"},
        {{{"limit", "5001"}}, "limit"},
        {{{"limit", "ten"}}, "limit"},
        {{{"limit", "-1"}}, "limit"},
        {{{"order", "newest"}}, "order"},
        {{{"count", "yes"}}, "count"},
        {{{"outcome", "ok"}}, "outcome"},
        {{{"action", "user login"}}, "action"},
        {{{"action", ""}}, "action"},
        {{{"customer_id", "-5"}}, "customer_id"},
        {{{"customer_id", "5.0"}}, "customer_id"},
        {{{"customer_id", "99999999999999999999"}}, "customer_id"},
        {{{"store_id", "x"}}, "store_id"},
        {{{"category", ""}}, "category"},
        {{{"actor_id", std::string(257, 'a')}}, "actor_id"},
        {{{"q", ""}}, "q"},
        {{{"data.", "x"}}, "data."},
        {{{"data.a..b", "x"}}, "data.a..b"},
        {{{"cursor", ""}}, "cursor"},
        {{{"category", "a"}, {"category", "b"}}, "category"},
        {{{"colour", "red"}}, "colour"},
        {{{"format", "csv"}}, "format"},  // export only
    };
    for (const auto& [params, parameter] : cases) {
        INFO(params.front().first << "=" << params.front().second);
        CHECK(RefusedParameter(params) == parameter);
    }
    CHECK(RefusedParameter({{"limit", "10"}}, FilterUse::kExport) == "limit");
    CHECK(RefusedParameter({{"cursor", "abc"}}, FilterUse::kExport) == "cursor");
    CHECK(RefusedParameter({{"format", "pdf"}}, FilterUse::kExport) == "format");
}

TEST_CASE("good search parameters are taken as given", "[query]") {
    const auto filter = Parse({{"from", "2026-11-01T00:00:00+01:00"},
                               {"to", "2026-11-02T00:00:00Z"},
                               {"action", "user.login"},
                               {"action", "user.logout"},
                               {"action", "user.login"},
                               {"customer_id", "5001"},
                               {"limit", "5000"},
                               {"order", "asc"},
                               {"count", "true"},
                               {"data.browser.name", "Chrome"},
                               {"access_token", "ignored"}});
    CHECK(filter.from == *events::ParseRfc3339("2026-10-31T23:00:00Z"));
    CHECK(filter.actions == std::vector<std::string>{"user.login", "user.logout"});
    CHECK(filter.customer_id == 5001);
    CHECK(filter.limit == 5000);
    CHECK(filter.order == SortOrder::kAsc);
    CHECK(filter.count);
    REQUIRE(filter.data.size() == 1);
    CHECK(filter.data[0].path == std::vector<std::string>{"browser", "name"});
    CHECK(Parse({{"format", "xlsx"}}, FilterUse::kExport).format == ExportFormat::kXlsx);
}

TEST_CASE("only `to` given: the window is the 30 days before it", "[query]") {
    const auto filter = Parse({{"to", "2020-01-31T00:00:00Z"}});
    CHECK(filter.from == *events::ParseRfc3339("2020-01-01T00:00:00Z"));
    // Not before year 1 (PostgreSQL refuses year 0: that was a 500).
    CHECK(kEarliestTimeUs == *events::ParseRfc3339("0001-01-01T00:00:00Z"));
    CHECK(Parse({{"to", "0001-01-15T00:00:00Z"}}).from == kEarliestTimeUs);
    CHECK(RefusedParameter({{"to", "0001-01-01T00:00:00Z"}}) == "to");  // an empty window
}

TEST_CASE("the WHERE clause is parameterised and confined to the tenant", "[query]") {
    auto filter = Parse({{"from", "2026-11-01T00:00:00Z"},
                         {"to", "2026-11-02T00:00:00Z"},
                         {"action", "a.b"},
                         {"action", "c.d"},
                         {"q", "50%_off\\"},
                         {"store_id", "7"},
                         {"data.x", "1"}});
    SqlValues values;
    const auto sql = WhereClause(filter, "acme'; DROP TABLE events",
                                 KeysetPosition{kNow, "01936f6e-3f4a-7c8e-9d2b-5a1f0c3e7b21"}, values);
    CHECK(sql.rfind("WHERE tenant = $1::text AND occurred_at >= $2::timestamptz AND occurred_at < $3::timestamptz",
                    0) == 0);
    CHECK(sql.find("DROP") == std::string::npos);
    CHECK(sql.find("action = ANY($4::text[])") != std::string::npos);
    CHECK(sql.find("(occurred_at, id) < ($") != std::string::npos);
    REQUIRE(values.Params().size() == 10);
    CHECK(values.Params()[0] == "acme'; DROP TABLE events");
    CHECK(values.Params()[3] == "{\"a.b\",\"c.d\"}");
    CHECK(values.Params()[5] == "%50\\%\\_off\\\\%");
}

TEST_CASE("cursors round-trip and refuse tampering", "[query]") {
    CursorCodec codec("secret");
    Cursor cursor;
    cursor.binding = CursorCodec::Binding("acme", Parse({{"action", "a"}}));
    cursor.order = SortOrder::kAsc;
    cursor.from = 1;
    cursor.to = 2;
    cursor.position = {kNow, "01936f6e-3f4a-7c8e-9d2b-5a1f0c3e7b21"};
    const auto text = codec.Encode(cursor);
    const auto back = codec.Decode(text);
    REQUIRE(back);
    CHECK(back->binding == cursor.binding);
    CHECK(back->order == SortOrder::kAsc);
    CHECK(back->from == 1);
    CHECK(back->to == 2);
    CHECK(back->position.occurred_at == kNow);
    CHECK(back->position.id == cursor.position.id);

    for (std::size_t i = 0; i < text.size(); ++i) {
        std::string altered = text;
        altered[i] = altered[i] == 'A' ? 'B' : 'A';
        CHECK_FALSE(codec.Decode(altered));
    }
    CHECK_FALSE(CursorCodec("other secret").Decode(text));
    CHECK_FALSE(codec.Decode("not a cursor!"));
    CHECK_FALSE(codec.Decode(""));
    // The binding changes with the tenant, any filter and the order, not with limit or count.
    const auto base = Parse({{"action", "a"}});
    CHECK(CursorCodec::Binding("acme", base) != CursorCodec::Binding("other", base));
    CHECK(CursorCodec::Binding("acme", base) != CursorCodec::Binding("acme", Parse({{"action", "b"}})));
    CHECK(CursorCodec::Binding("acme", base) !=
          CursorCodec::Binding("acme", Parse({{"action", "a"}, {"order", "asc"}})));
    CHECK(CursorCodec::Binding("acme", base) ==
          CursorCodec::Binding("acme", Parse({{"action", "a"}, {"limit", "7"}, {"count", "true"}})));
}

}  // namespace auditrail::query
