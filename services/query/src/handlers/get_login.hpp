#pragma once

#include <auditrail/http/request.hpp>
#include <auditrail/http/response.hpp>

namespace auditrail::query {

/// `GET /login`: the sign-in form.
class GetLogin {
  public:
    http::Response operator()(http::Request& request) const;
};

}  // namespace auditrail::query
