#pragma once

#include "asio.hpp"

#include <auditrail/common/metrics.hpp>
#include <auditrail/http/router.hpp>
#include <auditrail/http/server_options.hpp>

#include <atomic>

namespace auditrail::http {

/// What every session of one server shares.
struct ServerState {
    ServerOptions options;
    const Router& router;
    net::thread_pool& workers;
    common::CounterFamily& requests_total;
    common::Histogram& request_seconds;
    std::atomic<std::size_t> connections{0};
    std::atomic<std::size_t> requests_in_flight{0};
    std::atomic<bool> stopping{false};
    std::atomic<std::uint64_t> next_request_id{1};
};

/// Serves one connection until it closes.
net::awaitable<void> RunSession(tcp::socket socket, ServerState& state);

}  // namespace auditrail::http
