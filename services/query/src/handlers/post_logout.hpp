#pragma once

#include <auditrail/http/request.hpp>
#include <auditrail/http/response.hpp>

#include "../query_context.hpp"

namespace auditrail::query {

/// `POST /logout`: ends the session server-side (its token is refused by the pages and the query API from now on,
/// even where a copy of the cookie survives; session_state.hpp), clears the session cookie, and sends the browser
/// to /login (303). Without a database to record the end in, a 503 page that still clears the cookie: this browser
/// is signed out, a copy of the cookie elsewhere is not.
class PostLogout {
  public:
    explicit PostLogout(const QueryContext& context) : context_(context) {}
    http::Response operator()(http::Request& request) const;

  private:
    const QueryContext& context_;
};

}  // namespace auditrail::query
