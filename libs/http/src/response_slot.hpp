#pragma once

#include "asio.hpp"

#include <auditrail/http/response.hpp>

#include <chrono>
#include <functional>
#include <mutex>
#include <optional>

namespace auditrail::http {

/// Where a handler's answer lands. The handler side (`Fulfil`) may run on any thread; the session side
/// (`Wait`) runs on the session's strand. A timer that never expires on its own is the wake-up: `Fulfil`
/// posts its cancellation to the strand, so the check-then-wait in `Wait` cannot miss it.
class ResponseSlot : public std::enable_shared_from_this<ResponseSlot> {
public:
    explicit ResponseSlot(net::any_io_executor strand) : timer_(std::move(strand)) {}

    void Fulfil(Response response);
    void SetTimeoutHandler(std::function<Response()> make_response);

    /// The handler's answer, or the timeout handler's once `timeout` has passed.
    net::awaitable<Response> Wait(std::chrono::steady_clock::duration timeout);

private:
    enum class State { kWaiting, kDone, kExpired };

    net::steady_timer timer_;
    std::mutex mutex_;
    State state_ = State::kWaiting;
    std::optional<Response> response_;
    std::function<Response()> on_timeout_;
};

}  // namespace auditrail::http
