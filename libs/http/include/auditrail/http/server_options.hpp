#pragma once

#include <chrono>
#include <cstddef>
#include <string>

namespace auditrail::http {

struct ServerOptions {
    /// host:port to listen on; port 0 picks a free one (read it back with Server::Port()).
    std::string listen = "127.0.0.1:8080";
    /// I/O threads running the sessions.
    int io_threads = 2;
    /// Worker threads for Execution::kBlocking handlers and streamed bodies.
    int worker_threads = 4;
    /// Largest request body (413 beyond).
    std::size_t body_limit = 1024 * 1024;
    /// Largest request head (431 beyond).
    std::size_t header_limit = 16 * 1024;
    /// Time allowed to receive one request once its first byte came, and to write one answer.
    std::chrono::seconds io_timeout{15};
    /// How long a keep-alive connection may sit idle between requests.
    std::chrono::seconds idle_timeout{60};
    /// How long a handler may take to answer before its timeout answer is sent.
    std::chrono::milliseconds handler_timeout{30000};
    /// Open connections at most; more are closed at once.
    std::size_t max_connections = 10000;
};

}  // namespace auditrail::http
