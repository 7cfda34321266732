#pragma once

#include <auditrail/http/request.hpp>
#include <auditrail/http/response.hpp>

#include "../query_context.hpp"

namespace auditrail::query {

/// `GET /v1/customers/at-risk`: the tenant's customers scoring below `threshold` at `as_of`, lowest first, then by id.
class GetAtRiskCustomers {
  public:
    explicit GetAtRiskCustomers(const QueryContext& context) : context_(context) {}
    http::Response operator()(http::Request& request) const;

  private:
    const QueryContext& context_;
};

}  // namespace auditrail::query
