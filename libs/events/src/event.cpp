#include <auditrail/events/event.hpp>
#include <optional>
#include <string>

namespace auditrail::events {
namespace {

// Bytes a string holds outside the Event: nothing while it fits the small-string buffer.
std::size_t HeapBytes(const std::string& text) {
    static const std::size_t kInlineCapacity = std::string().capacity();
    return text.capacity() > kInlineCapacity ? text.capacity() + 1 : 0;
}

std::size_t HeapBytes(const std::optional<std::string>& text) { return text ? HeapBytes(*text) : 0; }

}  // namespace

std::size_t ApproxBytes(const Event& event) {
    return sizeof(Event) + HeapBytes(event.id) + HeapBytes(event.category) + HeapBytes(event.action) +
           HeapBytes(event.outcome) + HeapBytes(event.actor_id) + HeapBytes(event.actor_type) +
           HeapBytes(event.actor_name) + HeapBytes(event.actor_ip) + HeapBytes(event.actor_user_agent) +
           HeapBytes(event.resource_type) + HeapBytes(event.resource_id) + HeapBytes(event.message) +
           HeapBytes(event.data);
}

}  // namespace auditrail::events
