#pragma once

#include <auditrail/http/request.hpp>
#include <auditrail/http/response.hpp>

#include "../identity_state.hpp"
#include "../query_context.hpp"

namespace auditrail::query {

/// `POST /login` (form `email`, `password`): on success 303 to /dashboard with the session cookie, an HS256
/// token of the user's tenant, `sub` = user id, `scope` = the role's scopes. Wrong credentials, an unknown
/// email and an inactive account all answer the same form with the same error (401), after the same Argon2
/// work. Failures are limited per email and per source address (429 with Retry-After).
class PostLogin {
  public:
    /// Computes the stand-in hash for unknown emails now, so that the first such sign-in is not slower.
    PostLogin(const QueryContext& context, IdentityStatePtr state);
    http::Response operator()(http::Request& request) const;

  private:
    const QueryContext& context_;
    IdentityStatePtr state_;
};

}  // namespace auditrail::query
