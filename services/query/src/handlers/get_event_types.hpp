#pragma once

#include <auditrail/http/request.hpp>
#include <auditrail/http/response.hpp>

#include "../query_context.hpp"

namespace auditrail::query {

/// `GET /v1/event-types[?category=][&from=][&to=]`: each (category, action) of the tenant with its count
/// and first and last occurred_at, ordered by category then action. Without from/to: all time.
class GetEventTypes {
public:
    explicit GetEventTypes(const QueryContext& context) : context_(context) {}
    http::Response operator()(http::Request& request) const;

private:
    const QueryContext& context_;
};

}  // namespace auditrail::query
