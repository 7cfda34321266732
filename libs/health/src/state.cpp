#include <auditrail/health/state.hpp>

#include "windows.hpp"

namespace auditrail::health {

Activity ActivityOf(std::string_view action) {
    if (action == "customer.login") return Activity::kLogin;
    if (action == "api.call") return Activity::kApiCall;
    if (action == "feature.used") return Activity::kFeatureUsed;
    return Activity::kOther;
}

std::optional<Priority> ParsePriority(std::string_view text) {
    if (text == "low") return Priority::kLow;
    if (text == "normal") return Priority::kNormal;
    if (text == "high") return Priority::kHigh;
    if (text == "urgent") return Priority::kUrgent;
    return std::nullopt;
}

std::string_view PriorityName(Priority priority) {
    switch (priority) {
        case Priority::kLow:
            return "low";
        case Priority::kNormal:
            return "normal";
        case Priority::kHigh:
            return "high";
        case Priority::kUrgent:
            return "urgent";
    }
    return "normal";
}

std::vector<ActivityBucket> CutBuckets(const CustomerState& state, std::span<const TimeUs> as_ofs) {
    std::vector<ActivityBucket> cut;
    for (const ActivityBucket& bucket : state.activity) {
        if (bucket.activity == Activity::kOther) {
            continue;
        }
        bool is_cut = false;
        for (TimeUs as_of : as_ofs) {
            // The edges of W and P; as_of − 90 d and − 14 d only ever ask whether an event exists.
            for (TimeUs edge : {as_of - 60 * kDayUs, as_of - 30 * kDayUs, as_of}) {
                is_cut = is_cut || internal::Cuts(edge, bucket.first_at, bucket.last_at);
            }
        }
        if (is_cut) {
            cut.push_back(bucket);
        }
    }
    return cut;
}

std::vector<ActivityBucket> CutBuckets(const CustomerState& state, TimeUs as_of) {
    return CutBuckets(state, std::span<const TimeUs>(&as_of, 1));
}

bool ShowsEventIn90Days(const CustomerState& state, TimeUs as_of) {
    const internal::Window last_90_days = internal::DaysBefore(as_of, 90);
    for (const ActivityBucket& bucket : state.activity) {
        if (internal::HasEventIn(bucket, last_90_days)) {
            return true;
        }
    }
    return false;
}

}  // namespace auditrail::health
