#pragma once

#include <auditrail/http/request.hpp>
#include <auditrail/http/response.hpp>

#include "../query_context.hpp"

namespace auditrail::query {

/// `GET /account` (any session): who is signed in — email, role, tenant — and what that role may see. The one page
/// every role has; a content_creator has nothing else (API.md: "none beyond seeing its own account").
class GetAccountPage {
  public:
    explicit GetAccountPage(const QueryContext& context) : context_(context) {}
    http::Response operator()(http::Request& request) const;

  private:
    const QueryContext& context_;
};

}  // namespace auditrail::query
