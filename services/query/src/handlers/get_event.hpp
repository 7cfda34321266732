#pragma once

#include <auditrail/http/request.hpp>
#include <auditrail/http/response.hpp>

#include "../query_context.hpp"

namespace auditrail::query {

/// `GET /v1/events/{id}`: the bare event object, or 404 (also for another tenant's id, and for an id that is
/// not a UUID, which no event can have).
class GetEvent {
public:
    explicit GetEvent(const QueryContext& context) : context_(context) {}
    http::Response operator()(http::Request& request) const;

private:
    const QueryContext& context_;
};

}  // namespace auditrail::query
