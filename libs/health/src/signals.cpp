#include <auditrail/health/signals.hpp>
#include <string>

#include "text.hpp"

namespace auditrail::health {
namespace {

using internal::Count;
using internal::WholeDays;

constexpr TimeUs kOverdueCriticalAfter = 30 * kDayUs;

}  // namespace

std::vector<Signal> Signals(const Measurements& m, TimeUs as_of) {
    std::vector<Signal> signals;
    auto raise = [&](std::string_view code, Severity severity, std::string message) {
        signals.push_back({std::string(code), severity, std::move(message)});
    };

    if (!m.login_in_14_days && m.login_in_90_days && m.last_login_at) {
        raise("no_recent_login", Severity::kWarning,
              "no login in the last 14 days; the last was " + Count(WholeDays(*m.last_login_at, as_of), "day", "days") +
                  " ago");
    }
    // W < 50 % of P, in integers: 2 × W < P.
    if (m.logins_prev >= 4 && 2 * m.logins < m.logins_prev) {
        raise("login_drop", Severity::kWarning,
              Count(m.logins, "login", "logins") + " in the last 30 days, " + std::to_string(m.logins_prev) +
                  " in the 30 before");
    }
    for (const OverdueInvoice& invoice : m.overdue_invoices) {
        const Severity severity =
            as_of - invoice.due_at > kOverdueCriticalAfter ? Severity::kCritical : Severity::kWarning;
        raise("invoice_overdue", severity,
              "invoice " + invoice.invoice_id + " is unpaid " + Count(WholeDays(invoice.due_at, as_of), "day", "days") +
                  " after its due date (" + internal::DateOf(invoice.due_at) + ")");
    }
    if (m.late >= 2) {
        raise("late_payments", Severity::kWarning,
              std::to_string(m.late) + " of " + Count(m.on_time + m.late + m.overdue, "invoice", "invoices") +
                  " due in the last 90 days were paid late");
    }
    if (m.tickets >= 3 && m.tickets >= 2 * m.tickets_prev) {
        raise("ticket_spike", Severity::kWarning,
              Count(m.tickets, "ticket", "tickets") + " opened in the last 30 days, " + std::to_string(m.tickets_prev) +
                  " in the 30 before");
    }
    for (const OpenUrgentTicket& ticket : m.open_urgent_tickets) {
        raise("urgent_ticket_open", Severity::kCritical,
              "urgent ticket " + ticket.ticket_id + " has been open for " +
                  Count(WholeDays(ticket.opened_at, as_of), "day", "days"));
    }
    // usage < 60 % of usage_prev, in integers: 5 × usage < 3 × usage_prev.
    if (m.usage_prev >= 20 && 5 * m.usage < 3 * m.usage_prev) {
        raise("usage_decline", Severity::kWarning,
              "usage " + std::to_string(m.usage) + " in the last 30 days, " + std::to_string(m.usage_prev) +
                  " in the 30 before (" + std::to_string(m.usage * 100 / m.usage_prev) + " %)");
    }
    if (!m.event_in_90_days) {
        std::string message = "no event in the 90 days before as_of";
        message += m.last_event_at
                       ? "; the last was " + Count(WholeDays(*m.last_event_at, as_of), "day", "days") + " ago"
                       : std::string("; none before");
        raise("inactive", Severity::kCritical, std::move(message));
    }
    return signals;
}

}  // namespace auditrail::health
