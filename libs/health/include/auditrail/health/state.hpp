#pragma once

// The compact per-customer state that HEALTH.md is computed from, shaped like the tables that the
// write path keeps current (one row per struct). The model is exact over this state:
//
// - Activity is kept as buckets (normally one per customer, UTC day and Activity) that carry the
//   earliest and latest `occurred_at` besides their counts. A bucket wholly inside or outside a
//   window is counted without looking inside it. Whether a window holds at least one event
//   (active days, features, "no login in 14 days", "no event in 90 days") is always exact: every
//   window is at least a day long and a bucket never spans two UTC days, so a bucket with an event
//   in the window has its first or its last event there.
// - Counts over a window whose edge falls inside a bucket (logins and usage in W and P, when
//   `as_of` is not midnight UTC) need that bucket's events. CutBuckets() names those buckets (at
//   most one per counted activity and edge: three edges, three activities); the caller loads their
//   events from the event store into CustomerState::events. A cut bucket without its events is a
//   caller bug and throws rather than guessing.
// - Invoices and tickets are one row each, with the times HEALTH.md names (`data.due_at`,
//   `data.paid_at`, `data.created_at`, `data.closed_at`), so they are exact as they stand.

#include <auditrail/events/event.hpp>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace auditrail::health {

using events::TimeUs;

inline constexpr TimeUs kDayUs = 86'400'000'000;

/// What the model tells apart among the actions that carry a `customer_id`.
enum class Activity {
    kLogin,        ///< customer.login
    kApiCall,      ///< api.call
    kFeatureUsed,  ///< feature.used
    kOther,        ///< any other action (invoice.*, ticket.*, or not a customer-activity action at all)
};

/// The Activity of an event's `action`.
Activity ActivityOf(std::string_view action);

/// UTC day of `t`, in days since 1970-01-01 (floored, so also right before the epoch).
constexpr std::int64_t DayOf(TimeUs t) { return t >= 0 ? t / kDayUs : -((-t + kDayUs - 1) / kDayUs); }

/// The `action` under which the daily activity tables keep the events of every kOther action (all but
/// the three the model counts), merged per customer and day. Not a valid action name (API.md §2), so it
/// cannot collide with one. (Rows written before it, one per action, are read the same way.)
///
/// The writers record such a bucket's first event exactly, but its last only as far as they need to:
/// a writer that has already committed an earlier event of the same customer and day does not write
/// again (so a steady stream of, say, document.viewed or invoice.paid costs about one row per customer
/// and day, not one per batch), which leaves the stored `last_at` an event of that day, not its latest one, and
/// `events` a lower bound. A reader treats such a bucket as kOther evidence only: its first_at and
/// last_at are real events; when no bucket shows an event in the 90 days before `as_of`, it adds the
/// customer's latest event before `as_of` from the event store as a one-event kOther bucket, which
/// makes `inactive` and its "N days ago" exact again.
inline constexpr std::string_view kOtherActionsKey = "*";

/// The events of one Activity for one customer within one UTC day: a row of the daily activity table
/// (a finer slice of a day works too, as long as one activity's buckets do not overlap in time).
/// Every action that carries the `customer_id` has buckets, not only the customer-activity ones:
/// "no event at all" (the `inactive` signal) is read from them. Only whether kOther events exist
/// matters, so kOther buckets may overlap, hold more events than `events` says, and be merged per
/// day across actions (kOtherActionsKey).
struct ActivityBucket {
    std::int64_t day = 0;  ///< DayOf(first_at) == DayOf(last_at)
    Activity activity = Activity::kOther;
    std::int64_t events = 0;  ///< number of events (>= 1)
    std::int64_t usage = 0;   ///< sum of `data.count` for api.call and feature.used; 0 for the others
    TimeUs first_at = 0;      ///< earliest `occurred_at` in the bucket
    TimeUs last_at = 0;       ///< latest `occurred_at` in the bucket
};

/// One event of a bucket that a window edge cuts (see CutBuckets()), loaded from the event store.
struct ActivityEvent {
    TimeUs at = 0;                         ///< `occurred_at`
    Activity activity = Activity::kLogin;  ///< never kOther
    std::int64_t count = 1;  ///< `data.count` for api.call and feature.used (default 1); ignored for logins
};

/// A `feature` used by the customer within one UTC day: a row of the distinct-features-per-day table.
struct FeatureBucket {
    std::int64_t day = 0;
    std::string feature;  ///< `data.feature` of feature.used
    TimeUs first_at = 0;  ///< earliest `occurred_at` of that feature's use in the day
    TimeUs last_at = 0;   ///< latest
};

/// One invoice, merged from its invoice.issued and invoice.paid events in whatever order they came.
struct Invoice {
    std::string invoice_id;
    /// `data.due_at` of invoice.issued; empty while the issue has not been seen ("paid, issue not
    /// yet seen"): such an invoice counts nowhere, since the model times it by its due date.
    std::optional<TimeUs> due_at;
    /// `data.paid_at` of invoice.paid (default its `occurred_at`); empty while unpaid. An invoice
    /// paid at or after `as_of` is unpaid at `as_of`. Several payments: keep the earliest.
    std::optional<TimeUs> paid_at;
};

enum class Priority { kLow, kNormal, kHigh, kUrgent };

/// `low`, `normal`, `high`, `urgent`; nothing for anything else.
std::optional<Priority> ParsePriority(std::string_view text);
std::string_view PriorityName(Priority priority);

/// One ticket, merged from its ticket.opened and ticket.closed events in whatever order they came.
struct Ticket {
    std::string ticket_id;
    /// ticket.opened's `data.priority`; `normal` for a ticket known only from its close.
    Priority priority = Priority::kNormal;
    /// ticket.opened's `data.created_at` (default its `occurred_at`), or, while only the close has
    /// been seen, the close's `data.created_at` when it carried one. Empty: the opening time is
    /// unknown and the ticket counts nowhere (not in load, ticket_spike, stale nor open at `as_of`).
    std::optional<TimeUs> opened_at;
    /// ticket.closed's `data.closed_at` (default its `occurred_at`); empty while open. A ticket
    /// closed at or after `as_of` is open at `as_of`.
    std::optional<TimeUs> closed_at;
};

/// Everything the model reads about one customer. Rows outside the windows are ignored, so the
/// caller may load generously; what it must load for `as_of` is: activity and feature buckets of
/// the days DayOf(as_of − 90 d) … DayOf(as_of), plus the latest activity bucket before those (for
/// the `inactive` sentence's "the last was N days ago"); the events of CutBuckets(state, as_of);
/// invoices unpaid at `as_of` or due in [as_of − 90 d, as_of); tickets open at `as_of` or opened in
/// [as_of − 60 d, as_of). For ScoreWithTrend() the same for `as_of − 30 d` as well.
struct CustomerState {
    std::int64_t customer_id = 0;
    std::vector<ActivityBucket> activity;
    std::vector<ActivityEvent> events;  ///< only the events of cut buckets
    std::vector<FeatureBucket> features;
    std::vector<Invoice> invoices;
    std::vector<Ticket> tickets;
};

/// The buckets of counted activities (logins, API calls, feature uses) that an edge of W or P
/// for `as_of` (as_of − 60 d, as_of − 30 d, as_of) falls inside: events on both sides of the edge.
/// Their events must be in CustomerState::events before Score(). None when `as_of` is midnight UTC
/// and no event lies at or after it.
std::vector<ActivityBucket> CutBuckets(const CustomerState& state, TimeUs as_of);

/// The same for several `as_of` at once (ScoreWithTrend() needs `as_of` and `as_of − 30 d`).
std::vector<ActivityBucket> CutBuckets(const CustomerState& state, std::span<const TimeUs> as_ofs);

/// Whether a bucket of `state` shows an event in the 90 days before `as_of`: what the `inactive`
/// signal is decided by. When it is false and other-actions buckets (kOtherActionsKey) may hide a later
/// event than they show, the caller adds the customer's latest event before `as_of` first.
bool ShowsEventIn90Days(const CustomerState& state, TimeUs as_of);

}  // namespace auditrail::health
