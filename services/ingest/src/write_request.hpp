#pragma once

#include <auditrail/events/event.hpp>
#include <auditrail/queue/batching_queue.hpp>
#include <auditrail/queue/commit_ticket.hpp>

#include <chrono>
#include <memory>
#include <string>
#include <vector>

namespace auditrail::ingest {

/// One accepted request's events on their way to the database; they commit together.
struct WriteRequest {
    std::string tenant;
    std::string ingested_by;  ///< the token's `sub`
    events::TimeUs received_at = 0;
    /// Set when the request is built, which every producer does just before queueing it: where its queue wait starts.
    std::chrono::steady_clock::time_point queued_at = std::chrono::steady_clock::now();
    std::vector<events::Event> events;
    std::shared_ptr<queue::CommitTicket> ticket;
};

using RequestQueue = queue::BatchingQueue<WriteRequest>;

}  // namespace auditrail::ingest
