#include "response_slot.hpp"

#include <auditrail/http/problem.hpp>
#include <auditrail/http/router.hpp>

namespace auditrail::http {

void ResponseSlot::Fulfil(Response response) {
    {
        std::lock_guard lock(mutex_);
        if (state_ != State::kWaiting) return;
        response_ = std::move(response);
        state_ = State::kDone;
    }
    net::post(timer_.get_executor(), [self = shared_from_this()] { self->timer_.cancel(); });
}

void ResponseSlot::SetTimeoutHandler(std::function<Response()> make_response) {
    std::lock_guard lock(mutex_);
    on_timeout_ = std::move(make_response);
}

net::awaitable<Response> ResponseSlot::Wait(std::chrono::steady_clock::duration timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    timer_.expires_at(deadline);
    for (;;) {
        std::function<Response()> unused;
        {
            std::lock_guard lock(mutex_);
            if (state_ == State::kDone) {
                // The timeout handler usually holds what holds this slot (a commit ticket whose callback holds
                // the responder): drop it, or the pair keeps each other alive after the answer (a leak per request).
                unused = std::move(on_timeout_);
                on_timeout_ = nullptr;
                co_return std::move(*response_);
            }
            if (std::chrono::steady_clock::now() >= deadline) break;
        }
        boost::system::error_code ec;
        co_await timer_.async_wait(net::redirect_error(net::use_awaitable, ec));
    }
    std::function<Response()> on_timeout;
    {
        std::lock_guard lock(mutex_);
        state_ = State::kExpired;
        on_timeout = std::move(on_timeout_);
    }
    co_return on_timeout ? on_timeout() : Problem(503, "overloaded", "the request took too long; retry later")
                                              .With("Retry-After", "1");
}

void Responder::Send(Response response) const {
    if (slot_) {
        slot_->Fulfil(std::move(response));
    } else {
        (*callback_)(std::move(response));
    }
}

void Responder::OnTimeout(std::function<Response()> make_response) const {
    if (slot_) slot_->SetTimeoutHandler(std::move(make_response));
}

}  // namespace auditrail::http
