#pragma once

#include <auditrail/http/request.hpp>
#include <auditrail/http/response.hpp>

#include "../query_context.hpp"

namespace auditrail::query {

/// `GET /users` (a session with `admin`): the tenant's users and the form that adds one. With
/// `?created=<user id>` (where POST /users redirects) it says who was created, when that user is listed.
class GetUsersPage {
  public:
    explicit GetUsersPage(const QueryContext& context) : context_(context) {}
    http::Response operator()(http::Request& request) const;

  private:
    const QueryContext& context_;
};

}  // namespace auditrail::query
