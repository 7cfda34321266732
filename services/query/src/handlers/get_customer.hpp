#pragma once

#include <auditrail/http/request.hpp>
#include <auditrail/http/response.hpp>

#include "../query_context.hpp"

namespace auditrail::query {

/// `GET /v1/customers/{id}`: first and last seen, counts per action and the latest 50 customer-activity events before
/// `as_of`.
class GetCustomer {
  public:
    explicit GetCustomer(const QueryContext& context) : context_(context) {}
    http::Response operator()(http::Request& request) const;

  private:
    const QueryContext& context_;
};

}  // namespace auditrail::query
