#pragma once

#include <auditrail/events/event.hpp>

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

namespace auditrail::ingest {

using events::TimeUs;

/// What one batch adds to the health-state tables (libs/pg/migrations/V003__health_state.sql), merged per
/// row key with the same order-independent rules as the tables' upserts, so that each key appears once.
/// Activity is counted per action only for what HEALTH.md counts (customer.login, api.call, feature.used); every other
/// action shares one activity bucket per customer and day, under health::kOtherActionsKey.
struct HealthDelta {
    struct Activity {
        std::int64_t events = 0;
        std::int64_t usage = 0;
        TimeUs first_at = 0;
        TimeUs last_at = 0;
    };
    struct Feature {
        TimeUs first_at = 0;
        TimeUs last_at = 0;
    };
    struct Invoice {
        std::optional<TimeUs> due_at;
        std::optional<TimeUs> issued_at;
        std::optional<TimeUs> paid_at;
    };
    struct Ticket {
        std::string priority = "normal";
        std::optional<TimeUs> opened_at;
        std::optional<TimeUs> opened_seen_at;
        std::optional<TimeUs> closed_at;
    };
    /// tenant, customer_id, UTC day (days since 1970-01-01), and the action (or health::kOtherActionsKey) / feature /
    /// invoice / ticket id.
    using DayKey = std::tuple<std::string, std::int64_t, std::int64_t, std::string>;
    using ItemKey = std::tuple<std::string, std::int64_t, std::string>;

    std::map<DayKey, Activity> activity;
    std::map<DayKey, Feature> features;
    std::map<ItemKey, Invoice> invoices;
    std::map<ItemKey, Ticket> tickets;

    /// Folds in one stored event of `tenant`. Events without a customer_id change nothing.
    void Add(const std::string& tenant, const events::Event& event);
};

}  // namespace auditrail::ingest
