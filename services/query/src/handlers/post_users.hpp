#pragma once

#include <auditrail/http/request.hpp>
#include <auditrail/http/response.hpp>

#include "../query_context.hpp"

namespace auditrail::query {

/// `POST /v1/users` (scope `admin`), JSON `{"email","password","role"}`: creates a user of the caller's tenant
/// and answers 201 with it (no hash). 400 `validation_failed` with `errors[]` for bad fields, 409 `conflict`
/// for a taken email (emails are unique across tenants, since people sign in by email alone). Creating an
/// `owner` needs every scope, which of the roles only `owner` has: admins cannot make owners.
class PostUsers {
  public:
    explicit PostUsers(const QueryContext& context) : context_(context) {}
    http::Response operator()(http::Request& request) const;

  private:
    const QueryContext& context_;
};

}  // namespace auditrail::query
