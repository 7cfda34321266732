#pragma once

#include <auditrail/http/router.hpp>
#include <auditrail/http/server_options.hpp>

#include <chrono>
#include <cstdint>
#include <memory>

namespace auditrail::common {
class MetricsRegistry;
}

namespace auditrail::http {

/// A Beast HTTP/1.1 server: a listener, one coroutine session per connection, keep-alive, bounded heads,
/// bodies, connections and times. Every answer passes through the router's handlers.
class Server {
public:
    Server(ServerOptions options, const Router& router, common::MetricsRegistry& metrics);
    ~Server();
    Server(const Server&) = delete;
    Server& operator=(const Server&) = delete;

    /// Binds and starts the I/O threads. @throws std::runtime_error when the address cannot be bound.
    void Start();
    std::uint16_t Port() const;

    /// Stops accepting new connections; open connections finish their current request and close.
    void StopAccepting();
    /// Waits up to `grace` for requests in flight to be answered, then stops every thread.
    void Stop(std::chrono::milliseconds grace);

    std::size_t RequestsInFlight() const;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace auditrail::http
