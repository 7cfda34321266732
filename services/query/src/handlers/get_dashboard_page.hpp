#pragma once

#include <auditrail/http/request.hpp>
#include <auditrail/http/response.hpp>

#include "../query_context.hpp"

namespace auditrail::query {

/// `GET /dashboard`: the signed-in viewer's tenant at a glance: totals, the at-risk customers with their
/// signals (needs health:read) and the latest events (needs events:read).
class GetDashboardPage {
  public:
    explicit GetDashboardPage(const QueryContext& context) : context_(context) {}
    http::Response operator()(http::Request& request) const;

  private:
    const QueryContext& context_;
};

}  // namespace auditrail::query
