#pragma once

#include <auditrail/http/request.hpp>
#include <auditrail/http/response.hpp>

#include "../query_context.hpp"

#include <atomic>
#include <memory>

namespace auditrail::common {
class CounterFamily;
}

namespace auditrail::query {

/// `GET /v1/events/export?format=csv|ndjson|xlsx&<filters>`: every matching event, streamed from
/// `COPY (SELECT …) TO STDOUT` through an ExportWriter into a chunked answer; a client that goes away
/// cancels the query.
class ExportEvents {
public:
    explicit ExportEvents(const QueryContext& context);
    http::Response operator()(http::Request& request) const;

private:
    const QueryContext& context_;
    common::CounterFamily& rows_;
    /// Exports in progress: each holds a database connection for as long as it streams, so at most half the pool
    /// (at least one) may, and searches keep the rest.
    std::shared_ptr<std::atomic<std::size_t>> running_ = std::make_shared<std::atomic<std::size_t>>(0);
    std::size_t max_running_;
};

}  // namespace auditrail::query
