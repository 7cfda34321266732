#pragma once

#include "asio.hpp"

#include <exception>
#include <memory>
#include <mutex>
#include <optional>

namespace auditrail::http {

/// Runs `fn` on `pool` and resumes the calling coroutine on its own executor with the result, without
/// blocking the I/O thread. Exceptions from `fn` are rethrown in the coroutine.
template <class Fn>
net::awaitable<std::invoke_result_t<Fn&>> Offload(net::thread_pool& pool, Fn fn) {
    using Value = std::invoke_result_t<Fn&>;
    struct State {
        explicit State(net::any_io_executor executor) : timer(std::move(executor)) {}
        net::steady_timer timer;
        std::mutex mutex;
        bool done = false;
        std::optional<Value> value;
        std::exception_ptr error;
    };
    auto state = std::make_shared<State>(co_await net::this_coro::executor);
    state->timer.expires_at(net::steady_timer::time_point::max());
    net::post(pool, [state, fn = std::move(fn)]() mutable {
        std::optional<Value> value;
        std::exception_ptr error;
        try {
            value.emplace(fn());
        } catch (...) {
            error = std::current_exception();
        }
        {
            std::lock_guard lock(state->mutex);
            state->value = std::move(value);
            state->error = error;
            state->done = true;
        }
        // Wake the coroutine on its own strand; see ResponseSlot for why this cannot be missed.
        net::post(state->timer.get_executor(), [state] { state->timer.cancel(); });
    });
    for (;;) {
        {
            std::lock_guard lock(state->mutex);
            if (state->done) break;
        }
        boost::system::error_code ec;
        co_await state->timer.async_wait(net::redirect_error(net::use_awaitable, ec));
    }
    if (state->error) std::rethrow_exception(state->error);
    co_return std::move(*state->value);
}

}  // namespace auditrail::http
