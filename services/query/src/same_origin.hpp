#pragma once

#include <auditrail/http/request.hpp>
#include <auditrail/http/router.hpp>

#include <string>

namespace auditrail::query {

/// Why a form post must not be acted on, or "" when it may. A browser names the page a POST comes from in Origin
/// (and in Sec-Fetch-Site): a page of another origin, even one of this host on another port, must not sign people
/// in or out, create users or record events in their name (SameSite cookies stop only other sites). Origin must
/// name the host the request was sent to; without Origin, Sec-Fetch-Site must be same-origin or none. A request
/// with neither (curl, a script) carries no one else's cookie by accident and passes.
std::string CrossOriginProblem(const http::Request& request);

/// `handler`, answering 403 with an HTML page instead when CrossOriginProblem finds one.
http::SyncHandler FromThisOrigin(http::SyncHandler handler);

}  // namespace auditrail::query
