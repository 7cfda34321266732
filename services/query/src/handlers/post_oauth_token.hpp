#pragma once

#include <auditrail/http/request.hpp>
#include <auditrail/http/response.hpp>

#include "../identity_state.hpp"
#include "../query_context.hpp"

namespace auditrail::query {

/// `POST /v1/oauth/token`: the client-credentials grant (RFC 6749 §4.4). The client authenticates by HTTP
/// Basic or by the form fields client_id/client_secret (not both); errors are RFC 6749 §5.2 JSON; failed
/// client authentications are limited per client id and per source address (429 with Retry-After).
/// unauthorized_client is never answered: every service client exists for this one grant, and a disabled
/// client is invalid_client, indistinguishable from a wrong secret.
class PostOauthToken {
  public:
    PostOauthToken(const QueryContext& context, IdentityStatePtr state) : context_(context), state_(std::move(state)) {}
    http::Response operator()(http::Request& request) const;

  private:
    const QueryContext& context_;
    IdentityStatePtr state_;
};

}  // namespace auditrail::query
