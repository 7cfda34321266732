#include <algorithm>
#include <auditrail/health/measure.hpp>
#include <string_view>
#include <tuple>
#include <vector>

#include "windows.hpp"

namespace auditrail::health {
namespace {

using internal::Window;

double LoadOf(Priority priority) {
    switch (priority) {
        case Priority::kLow:
            return 0.5;
        case Priority::kNormal:
            return 1;
        case Priority::kHigh:
            return 2;
        case Priority::kUrgent:
            return 4;
    }
    return 1;
}

void MaxInto(std::optional<TimeUs>& latest, std::optional<TimeUs> candidate) {
    if (candidate && (!latest || *latest < *candidate)) {
        latest = candidate;
    }
}

// One pass over the activity buckets: each is classified once, whatever the number of customers.
void MeasureActivity(const CustomerState& state, TimeUs as_of, Measurements& m) {
    const Window w = internal::Current(as_of);
    const Window p = internal::Previous(as_of);
    const Window last_14_days = internal::DaysBefore(as_of, 14);
    const Window last_90_days = internal::DaysBefore(as_of, 90);
    std::vector<std::int64_t> active_days;
    for (const ActivityBucket& bucket : state.activity) {
        internal::CheckBucket(bucket);
        if (bucket.activity == Activity::kLogin) {
            if (internal::HasEventIn(bucket, w)) {
                active_days.push_back(bucket.day);
            }
            m.logins += internal::CountIn(state, bucket, w).events;
            m.logins_prev += internal::CountIn(state, bucket, p).events;
            m.login_in_14_days = m.login_in_14_days || internal::HasEventIn(bucket, last_14_days);
            m.login_in_90_days = m.login_in_90_days || internal::HasEventIn(bucket, last_90_days);
            MaxInto(m.last_login_at, internal::LatestBefore(state, bucket, as_of));
        } else if (internal::IsUsage(bucket.activity)) {
            m.usage += internal::CountIn(state, bucket, w).usage;
            m.usage_prev += internal::CountIn(state, bucket, p).usage;
        }
    }
    std::sort(active_days.begin(), active_days.end());
    m.active_days = std::unique(active_days.begin(), active_days.end()) - active_days.begin();

    std::vector<std::string_view> features;
    for (const FeatureBucket& bucket : state.features) {
        internal::CheckBucket(bucket);
        if (internal::HasEventIn(bucket, w)) {
            features.push_back(bucket.feature);
        }
    }
    std::sort(features.begin(), features.end());
    m.features = std::unique(features.begin(), features.end()) - features.begin();

    m.event_in_90_days = ShowsEventIn90Days(state, as_of);
    if (!m.event_in_90_days) {
        // Nothing in the 90 days, so no bucket straddles their start: exact without any events.
        for (const ActivityBucket& bucket : state.activity) {
            MaxInto(m.last_event_at, internal::LatestBefore(state, bucket, last_90_days.from));
        }
    }
}

void MeasureInvoices(const CustomerState& state, TimeUs as_of, Measurements& m) {
    const Window billed = internal::DaysBefore(as_of, 90);
    for (const Invoice& invoice : state.invoices) {
        if (!invoice.due_at) {
            continue;  // issue not seen yet: no due date to time it by
        }
        const TimeUs due_at = *invoice.due_at;
        const bool paid = invoice.paid_at && *invoice.paid_at < as_of;
        if (billed.Contains(due_at)) {
            if (!paid) {
                ++m.overdue;
            } else if (*invoice.paid_at <= due_at) {
                ++m.on_time;
            } else {
                ++m.late;
            }
        }
        if (!paid && due_at < as_of) {
            m.overdue_invoices.push_back({invoice.invoice_id, due_at});
        }
    }
    std::sort(m.overdue_invoices.begin(), m.overdue_invoices.end(), [](const auto& a, const auto& b) {
        return std::tie(a.due_at, a.invoice_id) < std::tie(b.due_at, b.invoice_id);
    });
}

void MeasureTickets(const CustomerState& state, TimeUs as_of, Measurements& m) {
    const Window w = internal::Current(as_of);
    const Window p = internal::Previous(as_of);
    const TimeUs stale_before = as_of - 7 * kDayUs;
    for (const Ticket& ticket : state.tickets) {
        if (!ticket.opened_at) {
            continue;  // known only from a close without created_at: when it opened is unknown
        }
        const TimeUs opened_at = *ticket.opened_at;
        if (w.Contains(opened_at)) {
            ++m.tickets;
            m.load += LoadOf(ticket.priority);
        } else if (p.Contains(opened_at)) {
            ++m.tickets_prev;
        }
        const bool open = opened_at < as_of && (!ticket.closed_at || *ticket.closed_at >= as_of);
        if (open && opened_at < stale_before) {
            ++m.stale;
        }
        if (open && ticket.priority == Priority::kUrgent) {
            m.open_urgent_tickets.push_back({ticket.ticket_id, opened_at});
        }
    }
    std::sort(m.open_urgent_tickets.begin(), m.open_urgent_tickets.end(), [](const auto& a, const auto& b) {
        return std::tie(a.opened_at, a.ticket_id) < std::tie(b.opened_at, b.ticket_id);
    });
}

}  // namespace

Measurements Measure(const CustomerState& state, TimeUs as_of) {
    Measurements m;
    MeasureActivity(state, as_of, m);
    MeasureInvoices(state, as_of, m);
    MeasureTickets(state, as_of, m);
    return m;
}

}  // namespace auditrail::health
