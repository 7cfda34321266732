#pragma once

#include <auditrail/http/request.hpp>
#include <auditrail/http/response.hpp>

#include "../query_context.hpp"

namespace auditrail::query {

/// `GET /v1/customers/{id}/health`: ScoreWithTrend() at `as_of` as JSON (API.md §4); 404 when the customer has no event
/// before `as_of`.
class GetCustomerHealth {
  public:
    explicit GetCustomerHealth(const QueryContext& context) : context_(context) {}
    http::Response operator()(http::Request& request) const;

  private:
    const QueryContext& context_;
};

}  // namespace auditrail::query
