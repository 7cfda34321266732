#pragma once

#include <auditrail/http/request.hpp>
#include <auditrail/http/response.hpp>

#include "../query_context.hpp"

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
};

}  // namespace auditrail::query
