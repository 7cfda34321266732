#pragma once

#include <auditrail/health/state.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace auditrail::health {

/// An invoice unpaid at `as_of` with `due_at` before it (any age): one `invoice_overdue` signal.
struct OverdueInvoice {
    std::string invoice_id;
    TimeUs due_at = 0;
};

/// An `urgent` ticket open at `as_of`: one `urgent_ticket_open` signal.
struct OpenUrgentTicket {
    std::string ticket_id;
    TimeUs opened_at = 0;
};

/// Every number the components and signals are computed from, measured at `as_of`.
/// W = [as_of − 30 d, as_of), P = [as_of − 60 d, as_of − 30 d).
struct Measurements {
    // engagement
    /// Distinct UTC days with a login in W (a day that W's edge cuts counts if a login of it lies in W).
    std::int64_t active_days = 0;
    // billing: invoices with due_at in [as_of − 90 d, as_of)
    std::int64_t on_time = 0;  ///< paid on or before due_at (and before as_of)
    std::int64_t late = 0;     ///< paid after due_at, before as_of
    std::int64_t overdue = 0;  ///< unpaid at as_of
    // support
    std::int64_t tickets = 0;       ///< tickets opened in W
    std::int64_t tickets_prev = 0;  ///< tickets opened in P
    double load = 0;                ///< tickets opened in W weighted by priority (0.5, 1, 2, 4)
    std::int64_t stale = 0;         ///< tickets open at as_of, opened before as_of − 7 d
    // adoption
    std::int64_t usage = 0;       ///< sum of `count` of api.call and feature.used in W
    std::int64_t usage_prev = 0;  ///< the same in P
    std::int64_t features = 0;    ///< distinct features used in W
    // signals only
    std::int64_t logins = 0;              ///< customer.login events in W
    std::int64_t logins_prev = 0;         ///< customer.login events in P
    bool login_in_14_days = false;        ///< a login in [as_of − 14 d, as_of)
    bool login_in_90_days = false;        ///< a login in [as_of − 90 d, as_of)
    std::optional<TimeUs> last_login_at;  ///< the latest login before as_of
    bool event_in_90_days = false;        ///< an event of any action in [as_of − 90 d, as_of)
    /// The latest event of any action before as_of − 90 d; set only when there is none after it
    /// (the customer is inactive), for the signal's sentence.
    std::optional<TimeUs> last_event_at;
    std::vector<OverdueInvoice> overdue_invoices;       ///< by due_at, then invoice_id
    std::vector<OpenUrgentTicket> open_urgent_tickets;  ///< by opened_at, then ticket_id
};

/// Measures `state` at `as_of`.
/// @throws std::invalid_argument when the state breaks its own rules: a bucket spanning two UTC
/// days, or a cut bucket (CutBuckets()) whose events are missing from `state.events`.
Measurements Measure(const CustomerState& state, TimeUs as_of);

}  // namespace auditrail::health
