#include <auditrail/health/measure.hpp>
#include <catch2/catch.hpp>
#include <random>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

#include "health_state_builder.hpp"

namespace auditrail::health {
namespace {

using testing::Days;
using testing::kAsOf;
using testing::kHourUs;
using testing::kMidDayAsOf;
using testing::StateBuilder;

Measurements MeasureAt(const StateBuilder& builder, TimeUs as_of) { return Measure(builder.For(as_of), as_of); }

TEST_CASE("windows are half-open: a login at as_of is not counted, one at as_of − 30 d is in W", "[health][measure]") {
    for (TimeUs as_of : {kAsOf, kMidDayAsOf}) {
        CAPTURE(as_of);
        StateBuilder builder;
        builder.Login(as_of).Login(as_of - 1).Login(as_of - Days(30)).Login(as_of - Days(30) - 1);
        builder.Login(as_of - Days(60)).Login(as_of - Days(60) - 1);
        const Measurements m = MeasureAt(builder, as_of);
        CHECK(m.logins == 2);       // as_of − 1 µs and as_of − 30 d
        CHECK(m.logins_prev == 2);  // as_of − 30 d − 1 µs and as_of − 60 d
        CHECK(m.last_login_at == as_of - 1);
    }
}

TEST_CASE("active days are the distinct UTC days holding a login in W", "[health][measure]") {
    StateBuilder builder;
    builder.Login(kAsOf - Days(1)).Login(kAsOf - Days(1) + kHourUs).Login(kAsOf - Days(1) + 5 * kHourUs);
    builder.Login(kAsOf - Days(2) + 1).Login(kAsOf - Days(30)).Login(kAsOf - Days(30) - 1).Login(kAsOf);
    const Measurements m = MeasureAt(builder, kAsOf);
    CHECK(m.active_days == 3);
    CHECK(m.logins == 5);
}

TEST_CASE("a UTC day that W's edge cuts is active only if a login in it lies in W", "[health][measure]") {
    const TimeUs w_start = kMidDayAsOf - Days(30);  // 10:30 on the first day of W
    SECTION("logins only before the edge") {
        StateBuilder builder;
        builder.Login(w_start - kHourUs).Login(w_start - 1);
        const Measurements m = MeasureAt(builder, kMidDayAsOf);
        CHECK(m.active_days == 0);
        CHECK(m.logins == 0);
        CHECK(m.logins_prev == 2);
    }
    SECTION("logins on both sides of the edge") {
        StateBuilder builder;
        builder.Login(w_start - kHourUs).Login(w_start).Login(w_start + kHourUs);
        const Measurements m = MeasureAt(builder, kMidDayAsOf);
        CHECK(m.active_days == 1);
        CHECK(m.logins == 2);
        CHECK(m.logins_prev == 1);
    }
    SECTION("logins on the day of as_of, before and after it") {
        StateBuilder builder;
        builder.Login(kMidDayAsOf - kHourUs).Login(kMidDayAsOf + kHourUs);
        const Measurements m = MeasureAt(builder, kMidDayAsOf);
        CHECK(m.active_days == 1);
        CHECK(m.logins == 1);
        CHECK(m.last_login_at == kMidDayAsOf - kHourUs);
    }
    SECTION("a login only after as_of on its day") {
        StateBuilder builder;
        builder.Login(kMidDayAsOf + kHourUs);
        const Measurements m = MeasureAt(builder, kMidDayAsOf);
        CHECK(m.active_days == 0);
        CHECK_FALSE(m.last_login_at.has_value());
    }
}

TEST_CASE("usage sums the count of api.call and feature.used in W and in P", "[health][measure]") {
    for (TimeUs as_of : {kAsOf, kMidDayAsOf}) {
        CAPTURE(as_of);
        StateBuilder builder;
        builder.ApiCall(as_of - 1, 10).FeatureUsed(as_of - Days(3), "export", 5).ApiCall(as_of - Days(30), 7);
        builder.ApiCall(as_of, 1000).ApiCall(as_of - Days(30) - 1, 3).FeatureUsed(as_of - Days(60), "export", 4);
        builder.ApiCall(as_of - Days(60) - 1, 2000).Login(as_of - Days(2));
        const Measurements m = MeasureAt(builder, as_of);
        CHECK(m.usage == 22);
        CHECK(m.usage_prev == 7);
    }
}

TEST_CASE("features are the distinct features used in W", "[health][measure]") {
    for (TimeUs as_of : {kAsOf, kMidDayAsOf}) {
        CAPTURE(as_of);
        StateBuilder builder;
        builder.FeatureUsed(as_of - Days(1), "export").FeatureUsed(as_of - Days(2), "export");
        builder.FeatureUsed(as_of - Days(30), "reports").FeatureUsed(as_of - Days(30) - 1, "alerts");
        builder.FeatureUsed(as_of, "sso").FeatureUsed(as_of - Days(40), "sso");
        CHECK(MeasureAt(builder, as_of).features == 2);  // export, reports
    }
}

TEST_CASE("billing counts invoices due in the 90 days as on time, late or overdue", "[health][measure]") {
    struct Case {
        const char* what;
        std::optional<TimeUs> due_at;
        std::optional<TimeUs> paid_at;
        std::int64_t on_time, late, overdue;
        bool overdue_signal;
    };
    const TimeUs due = kAsOf - Days(10);
    const Case kCases[] = {
        {"paid before its due date", due, due - Days(2), 1, 0, 0, false},
        {"paid exactly at its due date", due, due, 1, 0, 0, false},
        {"paid 1 µs after its due date", due, due + 1, 0, 1, 0, false},
        {"paid at as_of", due, kAsOf, 0, 0, 1, true},
        {"paid after as_of", due, kAsOf + Days(1), 0, 0, 1, true},
        {"unpaid", due, std::nullopt, 0, 0, 1, true},
        {"unpaid, due exactly 90 days before as_of", kAsOf - Days(90), std::nullopt, 0, 0, 1, true},
        {"unpaid, due 1 µs earlier than the 90 days", kAsOf - Days(90) - 1, std::nullopt, 0, 0, 0, true},
        {"paid late, due before the 90 days", kAsOf - Days(100), kAsOf - Days(95), 0, 0, 0, false},
        {"unpaid, due at as_of", kAsOf, std::nullopt, 0, 0, 0, false},
        {"paid early, due after as_of", kAsOf + Days(5), kAsOf - Days(1), 0, 0, 0, false},
        {"paid, issue not seen yet", std::nullopt, kAsOf - Days(1), 0, 0, 0, false},
    };
    for (const Case& c : kCases) {
        CAPTURE(c.what);
        StateBuilder builder;
        builder.AddInvoice({"INV-1", c.due_at, c.paid_at});
        const Measurements m = MeasureAt(builder, kAsOf);
        CHECK(m.on_time == c.on_time);
        CHECK(m.late == c.late);
        CHECK(m.overdue == c.overdue);
        CHECK(m.overdue_invoices.size() == (c.overdue_signal ? 1u : 0u));
    }
}

TEST_CASE("overdue invoices are listed by due date", "[health][measure]") {
    StateBuilder builder;
    builder.AddInvoice({"B", kAsOf - Days(5), std::nullopt}).AddInvoice({"A", kAsOf - Days(40), std::nullopt});
    builder.AddInvoice({"C", kAsOf - Days(5), std::nullopt});
    const Measurements m = MeasureAt(builder, kAsOf);
    REQUIRE(m.overdue_invoices.size() == 3);
    CHECK(m.overdue_invoices[0].invoice_id == "A");
    CHECK(m.overdue_invoices[1].invoice_id == "B");
    CHECK(m.overdue_invoices[2].invoice_id == "C");
}

TEST_CASE("support counts tickets opened in W by priority, and stale and urgent tickets open at as_of",
          "[health][measure]") {
    struct Case {
        const char* what;
        Ticket ticket;
        std::int64_t tickets, tickets_prev;
        double load;
        std::int64_t stale;
        bool urgent_open;
    };
    auto open = [](Priority priority, TimeUs opened_at) { return Ticket{"T", priority, opened_at, std::nullopt}; };
    auto closed = [](Priority priority, std::optional<TimeUs> opened_at, TimeUs closed_at) {
        return Ticket{"T", priority, opened_at, closed_at};
    };
    constexpr auto kLow = Priority::kLow, kNormal = Priority::kNormal, kHigh = Priority::kHigh;
    constexpr auto kUrgent = Priority::kUrgent;
    const TimeUs day_ago = kAsOf - Days(1);
    const Case kCases[] = {
        {"low, opened in W", closed(kLow, day_ago, kAsOf - 1), 1, 0, 0.5, 0, false},
        {"normal, opened in W", closed(kNormal, day_ago, kAsOf - 1), 1, 0, 1, 0, false},
        {"high, opened in W", closed(kHigh, day_ago, kAsOf - 1), 1, 0, 2, 0, false},
        {"urgent, opened in W, open", open(kUrgent, day_ago), 1, 0, 4, 0, true},
        {"urgent, closed before as_of", closed(kUrgent, day_ago, kAsOf - 1), 1, 0, 4, 0, false},
        {"urgent, closed at as_of", closed(kUrgent, day_ago, kAsOf), 1, 0, 4, 0, true},
        {"opened at as_of", open(kUrgent, kAsOf), 0, 0, 0, 0, false},
        {"opened at as_of − 30 d", closed(kNormal, kAsOf - Days(30), day_ago), 1, 0, 1, 0, false},
        {"opened 1 µs before W", closed(kNormal, kAsOf - Days(30) - 1, day_ago), 0, 1, 0, 0, false},
        {"opened at as_of − 60 d", closed(kNormal, kAsOf - Days(60), day_ago), 0, 1, 0, 0, false},
        {"opened 1 µs before P", closed(kNormal, kAsOf - Days(60) - 1, day_ago), 0, 0, 0, 0, false},
        {"open, opened exactly 7 days before", open(kNormal, kAsOf - Days(7)), 1, 0, 1, 0, false},
        {"open, opened 7 days and 1 µs before", open(kNormal, kAsOf - Days(7) - 1), 1, 0, 1, 1, false},
        {"open since 200 days", open(kUrgent, kAsOf - Days(200)), 0, 0, 0, 1, true},
        {"closed at as_of, opened 10 days before", closed(kNormal, kAsOf - Days(10), kAsOf), 1, 0, 1, 1, false},
        {"closed before as_of, opened 10 days before", closed(kNormal, kAsOf - Days(10), kAsOf - 1), 1, 0, 1, 0, false},
        {"known only from a close without created_at", closed(kNormal, std::nullopt, kAsOf + 1), 0, 0, 0, 0, false},
        {"known only from a close with created_at", closed(kNormal, kAsOf - Days(9), kAsOf + 1), 1, 0, 1, 1, false},
    };
    for (const Case& c : kCases) {
        CAPTURE(c.what);
        StateBuilder builder;
        builder.AddTicket(c.ticket);
        const Measurements m = MeasureAt(builder, kAsOf);
        CHECK(m.tickets == c.tickets);
        CHECK(m.tickets_prev == c.tickets_prev);
        CHECK(m.load == c.load);
        CHECK(m.stale == c.stale);
        CHECK(m.open_urgent_tickets.size() == (c.urgent_open ? 1u : 0u));
    }
}

TEST_CASE("a ticket known only from its close is normal priority", "[health][measure]") {
    CHECK(Ticket{}.priority == Priority::kNormal);
    CHECK(ParsePriority("urgent") == Priority::kUrgent);
    CHECK(ParsePriority("low") == Priority::kLow);
    CHECK_FALSE(ParsePriority("URGENT").has_value());
    CHECK(PriorityName(Priority::kHigh) == "high");
}

TEST_CASE("recent logins are looked for in the 14 and the 90 days before as_of", "[health][measure]") {
    struct Case {
        TimeUs login;
        bool in_14, in_90;
    };
    const Case kCases[] = {
        {kAsOf - Days(14), true, true},  {kAsOf - Days(14) - 1, false, true},
        {kAsOf - Days(90), false, true}, {kAsOf - Days(90) - 1, false, false},
        {kAsOf, false, false},
    };
    for (TimeUs shift : {TimeUs{0}, kMidDayAsOf - kAsOf}) {
        for (const Case& c : kCases) {
            CAPTURE(shift, c.login);
            StateBuilder builder;
            builder.Login(c.login + shift);
            const Measurements m = MeasureAt(builder, kAsOf + shift);
            CHECK(m.login_in_14_days == c.in_14);
            CHECK(m.login_in_90_days == c.in_90);
        }
    }
}

TEST_CASE("any action counts as an event for inactivity, in the 90 days before as_of", "[health][measure]") {
    struct Case {
        TimeUs at;
        bool in_90;
        std::optional<TimeUs> last_event_at;
    };
    const Case kCases[] = {
        {kAsOf - Days(90), true, std::nullopt},
        {kAsOf - 1, true, std::nullopt},
        {kAsOf - Days(90) - 1, false, kAsOf - Days(90) - 1},
        {kAsOf, false, std::nullopt},
    };
    for (const Case& c : kCases) {
        CAPTURE(c.at);
        StateBuilder builder;
        builder.Event("user.export", c.at);
        const Measurements m = MeasureAt(builder, kAsOf);
        CHECK(m.event_in_90_days == c.in_90);
        CHECK(m.last_event_at == c.last_event_at);
    }
}

TEST_CASE("no bucket needs its events when as_of is midnight and nothing lies after it", "[health][measure]") {
    StateBuilder builder;
    for (int day = 0; day < 100; ++day) {
        builder.Login(kAsOf - Days(day) - 5 * kHourUs).Login(kAsOf - Days(day) - 2 * kHourUs);
        builder.ApiCall(kAsOf - Days(day) - 3 * kHourUs, 4).ApiCall(kAsOf - Days(day) - kHourUs, 4);
    }
    const CustomerState state = builder.Buckets();
    CHECK(CutBuckets(state, kAsOf).empty());
    CHECK_NOTHROW(Measure(state, kAsOf));
    CHECK(Measure(state, kAsOf).usage == 240);
}

TEST_CASE("the buckets that W's and P's edges cut are named, and missing their events is an error",
          "[health][measure]") {
    StateBuilder builder;
    builder.Login(kMidDayAsOf - Days(30) - 1).Login(kMidDayAsOf - Days(30) + 1);  // cut by W's start
    builder.ApiCall(kMidDayAsOf - Days(60) - 1).ApiCall(kMidDayAsOf - Days(60));  // cut by P's start
    builder.FeatureUsed(kMidDayAsOf - 1, "x").FeatureUsed(kMidDayAsOf, "x");      // cut by as_of
    builder.Login(kMidDayAsOf - Days(3)).Event("invoice.issued", kMidDayAsOf - Days(30) - 1);
    builder.Event("invoice.issued", kMidDayAsOf - Days(30) + 1);  // not a counted action
    const CustomerState state = builder.Buckets();
    const std::vector<ActivityBucket> cut = CutBuckets(state, kMidDayAsOf);
    std::set<Activity> kinds;
    for (const ActivityBucket& bucket : cut) kinds.insert(bucket.activity);
    CHECK(cut.size() == 3);
    CHECK(kinds == std::set<Activity>{Activity::kLogin, Activity::kApiCall, Activity::kFeatureUsed});
    CHECK_THROWS_AS(Measure(state, kMidDayAsOf), std::invalid_argument);
    CHECK_NOTHROW(Measure(builder.For(kMidDayAsOf), kMidDayAsOf));
}

TEST_CASE("a bucket that spans two UTC days is refused", "[health][measure]") {
    CustomerState state;
    state.activity.push_back({DayOf(kAsOf - 1), Activity::kLogin, 2, 0, kAsOf - 1, kAsOf});
    CHECK_THROWS_AS(Measure(state, kAsOf), std::invalid_argument);
}

// Random customers, scored from buckets, against a count over their raw events.
TEST_CASE("measures from buckets equal measures from raw events at any as_of", "[health][measure]") {
    std::mt19937_64 random(20261123);
    const char* kActions[] = {"customer.login", "api.call", "feature.used", "invoice.issued"};
    const char* kFeatures[] = {"a", "b", "c", "d", "e", "f", "g"};
    for (int round = 0; round < 300; ++round) {
        const TimeUs as_of = kAsOf + static_cast<TimeUs>(random() % static_cast<std::uint64_t>(Days(2)));
        const int sparse = static_cast<int>(random() % 4);  // some customers rarely active
        StateBuilder builder;
        const int events = static_cast<int>(random() % 400);
        for (int i = 0; i < events; ++i) {
            const TimeUs at = as_of - Days(125) + static_cast<TimeUs>(random() % static_cast<std::uint64_t>(Days(130)));
            if (sparse == 0 && random() % 20 != 0) continue;
            builder.Event(kActions[random() % 4], at, 1 + static_cast<std::int64_t>(random() % 9),
                          kFeatures[random() % 7]);
        }
        CAPTURE(round, as_of);
        const Measurements m = Measure(builder.For(as_of), as_of);

        std::int64_t logins = 0, logins_prev = 0, usage = 0, usage_prev = 0;
        std::set<std::int64_t> days;
        std::set<std::string> features;
        bool in_14 = false, in_90 = false, any_90 = false;
        std::optional<TimeUs> last_login;
        for (const testing::RawEvent& e : builder.RawEvents()) {
            const bool w = as_of - Days(30) <= e.at && e.at < as_of;
            const bool p = as_of - Days(60) <= e.at && e.at < as_of - Days(30);
            any_90 = any_90 || (as_of - Days(90) <= e.at && e.at < as_of);
            if (e.action == "customer.login") {
                logins += w;
                logins_prev += p;
                if (w) days.insert(DayOf(e.at));
                in_14 = in_14 || (as_of - Days(14) <= e.at && e.at < as_of);
                in_90 = in_90 || (as_of - Days(90) <= e.at && e.at < as_of);
                if (e.at < as_of && (!last_login || *last_login < e.at)) last_login = e.at;
            }
            if (e.action == "api.call" || e.action == "feature.used") {
                usage += w ? e.count : 0;
                usage_prev += p ? e.count : 0;
            }
            if (e.action == "feature.used" && w) features.insert(e.feature);
        }
        CHECK(m.logins == logins);
        CHECK(m.logins_prev == logins_prev);
        CHECK(m.active_days == static_cast<std::int64_t>(days.size()));
        CHECK(m.usage == usage);
        CHECK(m.usage_prev == usage_prev);
        CHECK(m.features == static_cast<std::int64_t>(features.size()));
        CHECK(m.login_in_14_days == in_14);
        CHECK(m.login_in_90_days == in_90);
        CHECK(m.last_login_at == last_login);
        CHECK(m.event_in_90_days == any_90);
    }
}

}  // namespace
}  // namespace auditrail::health
