#pragma once

#include <auditrail/http/request.hpp>
#include <auditrail/http/response.hpp>

#include "../query_context.hpp"

namespace auditrail::query {

/// `GET /customers/{id}[?as_of=…&cursor=…]`: a customer's health (score, band, components, signals,
/// 90-day chart; needs health:read) and event history with keyset paging (needs events:read), for a
/// signed-in viewer of the customer's tenant. 404 page when the customer has no event.
class GetCustomerPage {
  public:
    explicit GetCustomerPage(const QueryContext& context) : context_(context) {}
    http::Response operator()(http::Request& request) const;

  private:
    const QueryContext& context_;
};

}  // namespace auditrail::query
