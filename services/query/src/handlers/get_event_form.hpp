#pragma once

#include <auditrail/http/request.hpp>
#include <auditrail/http/response.hpp>

#include "../query_context.hpp"

namespace auditrail::query {

/// `GET /customers/{id}/events/new` (a session with `events:write`): the form that records a customer-activity
/// event. With `?recorded=<event id>` (where POST redirects after a commit) it says what was recorded, once the
/// event is found in the viewer's tenant for this customer.
class GetEventForm {
  public:
    explicit GetEventForm(const QueryContext& context) : context_(context) {}
    http::Response operator()(http::Request& request) const;

  private:
    const QueryContext& context_;
};

}  // namespace auditrail::query
