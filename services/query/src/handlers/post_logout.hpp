#pragma once

#include <auditrail/http/request.hpp>
#include <auditrail/http/response.hpp>

namespace auditrail::query {

/// `POST /logout`: clears the session cookie and sends the browser to /login (303). The session token itself
/// stays valid until it expires (tokens are stateless); the browser no longer holds it.
class PostLogout {
  public:
    http::Response operator()(http::Request& request) const;
};

}  // namespace auditrail::query
