#pragma once

#include "../rate_limiter.hpp"
#include "../write_request.hpp"

#include <auditrail/events/decode.hpp>
#include <auditrail/http/authenticate.hpp>
#include <auditrail/http/router.hpp>

#include <cstddef>
#include <functional>
#include <string_view>

namespace auditrail::auth {
class JwtVerifier;
}
namespace auditrail::common {
class MetricsRegistry;
class CounterFamily;
}  // namespace auditrail::common

namespace auditrail::ingest {

/// Whether a Prefer header holds the `respond-async` preference itself (RFC 7240), not merely the text.
bool PrefersRespondAsync(std::string_view prefer);

/// `POST /v1/events`: authenticate, decode and validate, queue, and answer 201 once the batch holding
/// the events has committed (202 at once with `Prefer: respond-async`).
class PostEvents {
public:
    /// `session_check` (may be null) judges people's tokens (PersonSessions).
    PostEvents(const auth::JwtVerifier& verifier, RequestQueue& queue, RateLimiter& rate_limiter,
               events::DecodeLimits limits, std::size_t max_body_bytes, std::function<bool()> database_up,
               common::MetricsRegistry& metrics, const http::SessionCheck* session_check = nullptr);

    void operator()(http::Request& request, http::Responder responder) const;

private:
    void DecodeBody(http::Request& request) const;

    const auth::JwtVerifier& verifier_;
    RequestQueue& queue_;
    RateLimiter& rate_limiter_;
    events::DecodeLimits limits_;
    std::size_t max_body_bytes_;  ///< also the bound of a gzip body once inflated
    std::function<bool()> database_up_;
    const http::SessionCheck* session_check_;
    common::CounterFamily& accepted_;
    common::CounterFamily& rejected_;
};

}  // namespace auditrail::ingest
