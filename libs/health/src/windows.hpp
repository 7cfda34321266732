#pragma once

// Windows and the bucket arithmetic over them; private to the library.

#include <auditrail/health/state.hpp>
#include <cstdint>
#include <optional>
#include <string_view>

namespace auditrail::health::internal {

/// A half-open interval of time [from, to).
struct Window {
    TimeUs from = 0;
    TimeUs to = 0;

    bool Contains(TimeUs t) const { return from <= t && t < to; }
};

/// "The N days before `as_of`": [as_of − N d, as_of).
inline Window DaysBefore(TimeUs as_of, int days) { return {as_of - days * kDayUs, as_of}; }

/// W and P.
inline Window Current(TimeUs as_of) { return DaysBefore(as_of, 30); }
inline Window Previous(TimeUs as_of) { return {as_of - 60 * kDayUs, as_of - 30 * kDayUs}; }

/// Whether `edge` falls inside [first_at, last_at] with events on both sides of it.
inline bool Cuts(TimeUs edge, TimeUs first_at, TimeUs last_at) { return first_at < edge && edge <= last_at; }

/// Whether a bucket holds an event in `window`. Exact for buckets within one UTC day and windows
/// of a day or more: an event in the window then is the bucket's first or its last one.
template <class Bucket>
bool HasEventIn(const Bucket& bucket, Window window) {
    return window.Contains(bucket.first_at) || window.Contains(bucket.last_at);
}

inline bool IsUsage(Activity activity) { return activity == Activity::kApiCall || activity == Activity::kFeatureUsed; }

struct Totals {
    std::int64_t events = 0;
    std::int64_t usage = 0;
};

/// The events and usage of `bucket` in `window`, looking into its events (from `state.events`) when
/// an edge of the window cuts it.
/// @throws std::invalid_argument when a cut bucket's events are not all in `state.events`.
Totals CountIn(const CustomerState& state, const ActivityBucket& bucket, Window window);

/// The latest event of `bucket` before `t`, if any.
/// @throws std::invalid_argument when `t` cuts the bucket and its events are not all in `state.events`.
std::optional<TimeUs> LatestBefore(const CustomerState& state, const ActivityBucket& bucket, TimeUs t);

/// @throws std::invalid_argument for a bucket that is empty, reversed or spans two UTC days.
void CheckBucket(const ActivityBucket& bucket);
void CheckBucket(const FeatureBucket& bucket);

}  // namespace auditrail::health::internal
