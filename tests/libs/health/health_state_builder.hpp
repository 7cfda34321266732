#pragma once

// Builds a CustomerState from raw customer events the way the write path and the loader would:
// daily buckets per Activity (other actions merged) with first/last times, distinct features per day, one row per
// invoice and ticket, and the events of the buckets that CutBuckets() names for the `as_of` scored.

#include <algorithm>
#include <auditrail/health/state.hpp>
#include <map>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

namespace auditrail::health::testing {

inline constexpr TimeUs kSecondUs = 1'000'000;
inline constexpr TimeUs kHourUs = 3600 * kSecondUs;

/// 2026-11-23T00:00:00Z, a midnight.
inline constexpr TimeUs kAsOf = 1795392000 * kSecondUs;
/// 2026-11-23T10:30:00Z: W and P start mid-day.
inline constexpr TimeUs kMidDayAsOf = kAsOf + 10 * kHourUs + 30 * 60 * kSecondUs;

constexpr TimeUs Days(std::int64_t n) { return n * kDayUs; }

struct RawEvent {
    TimeUs at = 0;
    std::string action;
    std::int64_t count = 1;
    std::string feature;
};

class StateBuilder {
  public:
    explicit StateBuilder(std::int64_t customer_id = 5001) : customer_id_(customer_id) {}

    StateBuilder& Event(std::string action, TimeUs at, std::int64_t count = 1, std::string feature = {}) {
        events_.push_back({at, std::move(action), count, std::move(feature)});
        return *this;
    }
    StateBuilder& Login(TimeUs at) { return Event("customer.login", at); }
    StateBuilder& ApiCall(TimeUs at, std::int64_t count = 1) { return Event("api.call", at, count); }
    StateBuilder& FeatureUsed(TimeUs at, std::string feature, std::int64_t count = 1) {
        return Event("feature.used", at, count, std::move(feature));
    }
    /// An invoice row; its events count as activity only when added with Event() as well.
    StateBuilder& AddInvoice(Invoice invoice) {
        invoices_.push_back(std::move(invoice));
        return *this;
    }
    StateBuilder& AddTicket(Ticket ticket) {
        tickets_.push_back(std::move(ticket));
        return *this;
    }

    /// The buckets alone, with no cut-bucket events.
    CustomerState Buckets() const {
        CustomerState state;
        state.customer_id = customer_id_;
        std::map<std::pair<std::int64_t, Activity>, ActivityBucket> activity;
        std::map<std::pair<std::int64_t, std::string>, FeatureBucket> features;
        for (const RawEvent& event : events_) {
            const std::int64_t day = DayOf(event.at);
            const Activity kind = ActivityOf(event.action);
            auto [it, fresh] = activity.try_emplace({day, kind});
            ActivityBucket& bucket = it->second;
            if (fresh) {
                bucket = {day, kind, 0, 0, event.at, event.at};
            }
            bucket.events += 1;
            bucket.usage += (kind == Activity::kApiCall || kind == Activity::kFeatureUsed) ? event.count : 0;
            bucket.first_at = std::min(bucket.first_at, event.at);
            bucket.last_at = std::max(bucket.last_at, event.at);
            if (kind == Activity::kFeatureUsed) {
                auto [f, new_feature] = features.try_emplace({day, event.feature});
                if (new_feature) {
                    f->second = {day, event.feature, event.at, event.at};
                }
                f->second.first_at = std::min(f->second.first_at, event.at);
                f->second.last_at = std::max(f->second.last_at, event.at);
            }
        }
        for (auto& [key, bucket] : activity) state.activity.push_back(bucket);
        for (auto& [key, bucket] : features) state.features.push_back(bucket);
        state.invoices = invoices_;
        state.tickets = tickets_;
        return state;
    }

    /// What the loader would hand to Score(state, as_of) (and to ScoreWithTrend()).
    CustomerState For(TimeUs as_of) const {
        CustomerState state = Buckets();
        const TimeUs as_ofs[] = {as_of, as_of - Days(30)};
        for (const ActivityBucket& bucket : CutBuckets(state, as_ofs)) {
            for (const RawEvent& event : events_) {
                if (ActivityOf(event.action) == bucket.activity && bucket.first_at <= event.at &&
                    event.at <= bucket.last_at) {
                    state.events.push_back({event.at, bucket.activity, event.count});
                }
            }
        }
        return state;
    }

    const std::vector<RawEvent>& RawEvents() const { return events_; }

  private:
    std::int64_t customer_id_;
    std::vector<RawEvent> events_;
    std::vector<Invoice> invoices_;
    std::vector<Ticket> tickets_;
};

}  // namespace auditrail::health::testing
