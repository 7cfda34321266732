#pragma once

#include <auditrail/http/request.hpp>
#include <auditrail/http/response.hpp>

#include "../query_context.hpp"

namespace auditrail::query {

/// `GET /v1/events`: filtered search, newest first by default, with keyset cursors and an optional total.
class GetEvents {
public:
    explicit GetEvents(const QueryContext& context) : context_(context) {}
    http::Response operator()(http::Request& request) const;

private:
    const QueryContext& context_;
};

}  // namespace auditrail::query
