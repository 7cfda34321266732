#include "windows.hpp"

#include <stdexcept>
#include <string>
#include <vector>

namespace auditrail::health::internal {
namespace {

std::string Describe(const ActivityBucket& bucket) {
    static constexpr const char* kNames[] = {"login", "api.call", "feature.used", "other"};
    return std::string("the ") + kNames[static_cast<int>(bucket.activity)] + " bucket of day " +
           std::to_string(bucket.day);
}

// The events of a cut bucket, checked against its counts.
std::vector<const ActivityEvent*> EventsOf(const CustomerState& state, const ActivityBucket& bucket) {
    std::vector<const ActivityEvent*> found;
    std::int64_t usage = 0;
    for (const ActivityEvent& event : state.events) {
        if (event.activity == bucket.activity && bucket.first_at <= event.at && event.at <= bucket.last_at) {
            found.push_back(&event);
            usage += event.count;
        }
    }
    const auto count = static_cast<std::int64_t>(found.size());
    if (count != bucket.events || (IsUsage(bucket.activity) && usage != bucket.usage)) {
        throw std::invalid_argument("health state: " + Describe(bucket) + " is cut by a window edge and holds " +
                                    std::to_string(bucket.events) + " events, but " + std::to_string(count) +
                                    " were given in CustomerState::events");
    }
    return found;
}

}  // namespace

Totals CountIn(const CustomerState& state, const ActivityBucket& bucket, Window window) {
    if (bucket.last_at < window.from || bucket.first_at >= window.to) {
        return {};
    }
    if (window.from <= bucket.first_at && bucket.last_at < window.to) {
        return {bucket.events, bucket.usage};
    }
    Totals totals;
    for (const ActivityEvent* event : EventsOf(state, bucket)) {
        if (window.Contains(event->at)) {
            totals.events += 1;
            totals.usage += IsUsage(bucket.activity) ? event->count : 0;
        }
    }
    return totals;
}

std::optional<TimeUs> LatestBefore(const CustomerState& state, const ActivityBucket& bucket, TimeUs t) {
    if (bucket.first_at >= t) {
        return std::nullopt;
    }
    if (bucket.last_at < t) {
        return bucket.last_at;
    }
    std::optional<TimeUs> latest;
    for (const ActivityEvent* event : EventsOf(state, bucket)) {
        if (event->at < t && (!latest || *latest < event->at)) {
            latest = event->at;
        }
    }
    return latest;
}

void CheckBucket(const ActivityBucket& bucket) {
    if (bucket.events < 1 || bucket.first_at > bucket.last_at || DayOf(bucket.first_at) != bucket.day ||
        DayOf(bucket.last_at) != bucket.day) {
        throw std::invalid_argument("health state: " + Describe(bucket) +
                                    " is empty, reversed or not within that UTC day");
    }
}

void CheckBucket(const FeatureBucket& bucket) {
    if (bucket.first_at > bucket.last_at || DayOf(bucket.first_at) != bucket.day ||
        DayOf(bucket.last_at) != bucket.day) {
        throw std::invalid_argument("health state: the feature bucket of " + bucket.feature + " on day " +
                                    std::to_string(bucket.day) + " is reversed or not within that UTC day");
    }
}

}  // namespace auditrail::health::internal
