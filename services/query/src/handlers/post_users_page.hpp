#pragma once

#include <auditrail/http/request.hpp>
#include <auditrail/http/response.hpp>

#include "../query_context.hpp"

namespace auditrail::query {

/// `POST /users` (a session with `admin`), form fields email, role, password: creates a user of the viewer's
/// tenant exactly as POST /v1/users (CreateTenantUser, `user.created` recorded), then 303 to
/// `/users?created=<id>`. Otherwise the page again with one error flash per problem: 422 for bad fields, 409
/// for a taken email, 403 for an admin creating an owner, 503 when the database is unavailable.
class PostUsersPage {
  public:
    explicit PostUsersPage(const QueryContext& context) : context_(context) {}
    http::Response operator()(http::Request& request) const;

  private:
    const QueryContext& context_;
};

}  // namespace auditrail::query
