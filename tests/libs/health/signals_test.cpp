#include <auditrail/health/signals.hpp>
#include <catch2/catch.hpp>
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "health_state_builder.hpp"

namespace auditrail::health {
namespace {

using testing::Days;
using testing::kAsOf;

// A customer that raises no signal: logged in yesterday, nothing else going on.
Measurements Quiet() {
    Measurements m;
    m.login_in_14_days = true;
    m.login_in_90_days = true;
    m.last_login_at = kAsOf - Days(1);
    m.event_in_90_days = true;
    return m;
}

using Raised = std::vector<std::pair<std::string, Severity>>;

Raised CodesOf(const std::vector<Signal>& signals) {
    Raised raised;
    for (const Signal& signal : signals) raised.emplace_back(signal.code, signal.severity);
    return raised;
}

using Setter = std::function<void(Measurements&)>;

Setter Logins(std::int64_t w, std::int64_t p) {
    return [=](Measurements& m) {
        m.logins = w;
        m.logins_prev = p;
    };
}

Setter Tickets(std::int64_t w, std::int64_t p) {
    return [=](Measurements& m) {
        m.tickets = w;
        m.tickets_prev = p;
    };
}

Setter Usage(std::int64_t w, std::int64_t p) {
    return [=](Measurements& m) {
        m.usage = w;
        m.usage_prev = p;
    };
}

Setter Paid(std::int64_t on_time, std::int64_t late) {
    return [=](Measurements& m) {
        m.on_time = on_time;
        m.late = late;
    };
}

Setter OverdueSince(std::vector<TimeUs> due_ats) {
    return [=](Measurements& m) {
        for (TimeUs due_at : due_ats) m.overdue_invoices.push_back({"INV", due_at});
    };
}

Setter LastLogin(TimeUs at, bool in_90_days) {
    return [=](Measurements& m) {
        m.login_in_14_days = false;
        m.login_in_90_days = in_90_days;
        m.last_login_at = at;
    };
}

Setter UrgentOpen(std::vector<TimeUs> opened_ats) {
    return [=](Measurements& m) {
        for (TimeUs opened_at : opened_ats) m.open_urgent_tickets.push_back({"T", opened_at});
    };
}

Setter NoEventIn90Days(std::optional<TimeUs> last_event_at) {
    return [=](Measurements& m) {
        m = Measurements{};
        m.last_event_at = last_event_at;
    };
}

Setter Everything() {
    return [](Measurements& m) {
        LastLogin(kAsOf - Days(15), true)(m);
        Logins(0, 8)(m);
        OverdueSince({kAsOf - Days(5)})(m);
        Paid(0, 2)(m);
        Tickets(3, 0)(m);
        UrgentOpen({kAsOf - Days(2)})(m);
        Usage(0, 100)(m);
    };
}

TEST_CASE("each signal fires exactly at its threshold, with its severity", "[health][signals]") {
    constexpr auto kWarning = Severity::kWarning;
    constexpr auto kCritical = Severity::kCritical;
    const TimeUs k30DaysAgo = kAsOf - Days(30);
    struct Case {
        const char* what;
        Setter set;
        Raised expected;
    };
    const Case kCases[] = {
        {"a quiet customer", [](Measurements&) {}, {}},
        // no_recent_login: none in the 14 days, one in the 90
        {"no login in 14 days, one 20 days ago", LastLogin(kAsOf - Days(20), true), {{"no_recent_login", kWarning}}},
        {"no login in 14 days nor in 90", LastLogin(kAsOf - Days(100), false), {}},
        // login_drop: W < 50 % of P, P >= 4
        {"1 login after 4", Logins(1, 4), {{"login_drop", kWarning}}},
        {"2 logins after 4 (exactly 50 %)", Logins(2, 4), {}},
        {"0 logins after 3", Logins(0, 3), {}},
        {"4 logins after 9", Logins(4, 9), {{"login_drop", kWarning}}},
        {"5 logins after 10", Logins(5, 10), {}},
        // invoice_overdue: one per invoice, critical past 30 days
        {"an invoice due 1 day ago", OverdueSince({kAsOf - Days(1)}), {{"invoice_overdue", kWarning}}},
        {"an invoice due exactly 30 days ago", OverdueSince({k30DaysAgo}), {{"invoice_overdue", kWarning}}},
        {"an invoice due 30 days and 1 µs ago", OverdueSince({k30DaysAgo - 1}), {{"invoice_overdue", kCritical}}},
        {"an invoice due 200 days ago", OverdueSince({kAsOf - Days(200)}), {{"invoice_overdue", kCritical}}},
        {"invoices due 31 and 2 days ago",
         OverdueSince({kAsOf - Days(31), kAsOf - Days(2)}),
         {{"invoice_overdue", kCritical}, {"invoice_overdue", kWarning}}},
        // late_payments: 2 or more
        {"1 late payment", Paid(3, 1), {}},
        {"2 late payments", Paid(3, 2), {{"late_payments", kWarning}}},
        // ticket_spike: W >= 2 × P and W >= 3
        {"3 tickets after 1", Tickets(3, 1), {{"ticket_spike", kWarning}}},
        {"4 tickets after 2 (exactly 2 ×)", Tickets(4, 2), {{"ticket_spike", kWarning}}},
        {"3 tickets after 2", Tickets(3, 2), {}},
        {"2 tickets after 0", Tickets(2, 0), {}},
        {"3 tickets after 0", Tickets(3, 0), {{"ticket_spike", kWarning}}},
        // urgent_ticket_open: one per ticket
        {"two urgent tickets open",
         UrgentOpen({kAsOf - Days(3), kAsOf - Days(1)}),
         {{"urgent_ticket_open", kCritical}, {"urgent_ticket_open", kCritical}}},
        // usage_decline: usage < 60 % of usage_prev, usage_prev >= 20
        {"usage 11 after 20", Usage(11, 20), {{"usage_decline", kWarning}}},
        {"usage 12 after 20 (exactly 60 %)", Usage(12, 20), {}},
        {"usage 0 after 19", Usage(0, 19), {}},
        {"usage 0 after 20", Usage(0, 20), {{"usage_decline", kWarning}}},
        // inactive
        {"no event in 90 days", NoEventIn90Days(kAsOf - Days(120)), {{"inactive", kCritical}}},
        // several at once, in the table's order
        {"everything",
         Everything(),
         {{"no_recent_login", kWarning},
          {"login_drop", kWarning},
          {"invoice_overdue", kWarning},
          {"late_payments", kWarning},
          {"ticket_spike", kWarning},
          {"urgent_ticket_open", kCritical},
          {"usage_decline", kWarning}}},
    };
    for (const Case& c : kCases) {
        CAPTURE(c.what);
        Measurements m = Quiet();
        c.set(m);
        CHECK(CodesOf(Signals(m, kAsOf)) == c.expected);
    }
}

TEST_CASE("each signal's sentence names the numbers behind it", "[health][signals]") {
    struct Case {
        Setter set;
        std::string message;
    };
    const Case kCases[] = {
        {LastLogin(kAsOf - Days(23) - 5, true), "no login in the last 14 days; the last was 23 days ago"},
        {Logins(3, 11), "3 logins in the last 30 days, 11 in the 30 before"},
        {OverdueSince({kAsOf - Days(31)}), "invoice INV is unpaid 31 days after its due date (2026-10-23)"},
        {Paid(1, 2), "2 of 3 invoices due in the last 90 days were paid late"},
        {Tickets(4, 1), "4 tickets opened in the last 30 days, 1 in the 30 before"},
        {UrgentOpen({kAsOf - Days(1)}), "urgent ticket T has been open for 1 day"},
        {Usage(11, 20), "usage 11 in the last 30 days, 20 in the 30 before (55 %)"},
        {NoEventIn90Days(kAsOf - Days(120)), "no event in the 90 days before as_of; the last was 120 days ago"},
        {NoEventIn90Days(std::nullopt), "no event in the 90 days before as_of; none before"},
    };
    for (const Case& c : kCases) {
        CAPTURE(c.message);
        Measurements m = Quiet();
        c.set(m);
        const std::vector<Signal> signals = Signals(m, kAsOf);
        REQUIRE(signals.size() == 1);
        CHECK(signals[0].message == c.message);
    }
}

}  // namespace
}  // namespace auditrail::health
