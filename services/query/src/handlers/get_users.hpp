#pragma once

#include <auditrail/http/request.hpp>
#include <auditrail/http/response.hpp>

#include "../query_context.hpp"

namespace auditrail::query {

/// `GET /v1/users` (scope `admin`): `{"users": [...]}`, the caller's tenant's users, oldest first.
class GetUsers {
  public:
    explicit GetUsers(const QueryContext& context) : context_(context) {}
    http::Response operator()(http::Request& request) const;

  private:
    const QueryContext& context_;
};

}  // namespace auditrail::query
