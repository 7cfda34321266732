#pragma once

#include <auditrail/events/event.hpp>
#include <auditrail/events/uuid.hpp>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace auditrail::load {

struct ActionWeight {
    std::string action;
    std::uint32_t weight = 1;
};

/// What the requests of a run carry.
struct GeneratorSettings {
    /// Events in one request body: 1 sends a bare event object, more send {"events": [...]}.
    int events_per_request = 1;
    /// Bytes of each event's `message` text (0: no message).
    std::size_t message_bytes = 48;
    /// Bytes of each event's `data` object at least, padded with a "note" member (0: only the action's fields).
    std::size_t data_bytes = 0;
    /// Which actions the events carry, drawn at random by weight.
    std::vector<ActionWeight> actions;
    /// customer_id is drawn from [1, customers].
    std::uint64_t customers = 1000;
};

/// A mix of generic audit actions and the typed customer-activity actions of API.md §2.
std::vector<ActionWeight> DefaultActionMix();

/// Parses "user.login=30,invoice.paid=5" (a bare action has weight 1).
/// @throws std::invalid_argument naming what is wrong.
std::vector<ActionWeight> ParseActionMix(std::string_view text);

/// Builds request bodies of valid events with client-made UUIDv7 ids. One per connection (not thread-safe).
class EventGenerator {
public:
    /// @throws std::invalid_argument when the settings make no valid events (no actions, < 1 event a request).
    EventGenerator(GeneratorSettings settings, std::uint64_t seed);

    /// Replaces `body` with the next request's JSON; appends its events' ids to `ids` unless null.
    void NextBody(events::TimeUs now, std::string& body, std::vector<events::UuidBytes>* ids);

    /// Appends one event object; exposed for tests.
    void AppendEvent(events::TimeUs now, std::string& out, std::vector<events::UuidBytes>* ids);

private:
    std::uint64_t NextRandom();
    const ActionWeight& PickAction();

    GeneratorSettings settings_;
    std::uint64_t total_weight_ = 0;
    std::uint64_t state_;
    std::uint64_t serial_ = 0;
    std::string filler_;
};

}  // namespace auditrail::load
