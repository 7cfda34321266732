#pragma once

#include "../rate_limiter.hpp"
#include "../write_request.hpp"

#include <auditrail/events/decode.hpp>
#include <auditrail/http/router.hpp>

#include <functional>

namespace auditrail::auth {
class JwtVerifier;
}
namespace auditrail::common {
class MetricsRegistry;
class CounterFamily;
}  // namespace auditrail::common

namespace auditrail::ingest {

/// `POST /v1/events`: authenticate, decode and validate, queue, and answer 201 once the batch holding
/// the events has committed (202 at once with `Prefer: respond-async`).
class PostEvents {
public:
    PostEvents(const auth::JwtVerifier& verifier, RequestQueue& queue, RateLimiter& rate_limiter,
               events::DecodeLimits limits, std::function<bool()> database_up, common::MetricsRegistry& metrics);

    void operator()(http::Request& request, http::Responder responder) const;

private:
    const auth::JwtVerifier& verifier_;
    RequestQueue& queue_;
    RateLimiter& rate_limiter_;
    events::DecodeLimits limits_;
    std::function<bool()> database_up_;
    common::CounterFamily& accepted_;
    common::CounterFamily& rejected_;
};

}  // namespace auditrail::ingest
