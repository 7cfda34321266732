#include "asio.hpp"
#include "descriptor_limit.hpp"
#include "server_state.hpp"

#include <auditrail/common/log.hpp>
#include <auditrail/common/thread_name.hpp>
#include <auditrail/http/server.hpp>

#include <cerrno>
#include <cstddef>
#include <deque>
#include <stdexcept>
#include <thread>
#include <vector>

namespace auditrail::http {
namespace {

tcp::endpoint ParseListen(const std::string& listen) {
    const auto colon = listen.rfind(':');
    if (colon == std::string::npos) throw std::runtime_error("listen address '" + listen + "' is not host:port");
    std::string host = listen.substr(0, colon);
    const std::string port_text = listen.substr(colon + 1);
    if (host.size() >= 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
    if (host.empty()) host = "0.0.0.0";
    int port = -1;
    try {
        std::size_t used = 0;
        port = std::stoi(port_text, &used);
        if (used != port_text.size()) port = -1;
    } catch (const std::exception&) {
    }
    if (port < 0 || port > 65535) throw std::runtime_error("listen address '" + listen + "' has no valid port");
    boost::system::error_code ec;
    auto address = net::ip::make_address(host, ec);
    if (ec) throw std::runtime_error("listen address '" + listen + "' is not a numeric IP address");
    return {address, static_cast<unsigned short>(port)};
}

}  // namespace

struct Server::Impl {
    Impl(ServerOptions options, const Router& router, common::MetricsRegistry& metrics)
        : state{options, router, workers,
                metrics.Counter("auditrail_http_requests_total", "HTTP requests answered, by route and status"),
                metrics.AddHistogram("auditrail_http_request_duration_seconds",
                                     "Time from a request's last byte to its answer", common::LatencyBuckets())},
          io_contexts(MakeIoContexts(options.io_threads)),
          workers(options.worker_threads),
          acceptor(io_contexts.front()) {
        // Without pending work an io_context's run() returns at once; a thread's first connection may come later.
        for (auto& io : io_contexts) keep_running.push_back(net::make_work_guard(io));
        metrics.Gauge("auditrail_http_connections", "Open HTTP connections",
                      [this] { return static_cast<double>(state.connections.load()); });
    }

    net::awaitable<void> Accept() {
        for (;;) {
            boost::system::error_code ec;
            tcp::socket socket = co_await acceptor.async_accept(NextIoContext(),
                                                                 net::redirect_error(net::use_awaitable, ec));
            if (ec) {
                if (!acceptor.is_open() || ec == net::error::operation_aborted) co_return;
                co_await AfterAcceptFailed(ec);
                continue;
            }
            if (state.connections.load() >= state.options.max_connections) {
                socket.close(ec);  // over the connection bound: refuse at once
                continue;
            }
            auto executor = socket.get_executor();
            net::co_spawn(executor, RunSession(std::move(socket), state), net::detached);
        }
    }

    /// Out of descriptors (or kernel memory), accept fails again at once for as long as it lasts: a pause keeps that
    /// from spinning a core, and one warning per episode (with a count) keeps it from flooding the log.
    net::awaitable<void> AfterAcceptFailed(const boost::system::error_code& ec) {
        const auto now = std::chrono::steady_clock::now();
        ++accept_failures;
        if (now - last_accept_warning >= std::chrono::seconds(10)) {
            common::LogWarn("accept failed", {{"error", ec.message()}, {"failures", std::to_string(accept_failures)}});
            accept_failures = 0;
            last_accept_warning = now;
        }
        const bool resources = ec == net::error::no_descriptors || ec == net::error::no_buffer_space ||
                               ec == net::error::no_memory || ec.value() == ENFILE;
        if (!resources) co_return;
        net::steady_timer pause(acceptor.get_executor(), std::chrono::milliseconds(100));
        boost::system::error_code ignored;
        co_await pause.async_wait(net::redirect_error(net::use_awaitable, ignored));
    }

    // Connections are dealt round-robin over the I/O threads. Each thread runs its own io_context, so a session
    // lives on one thread and needs no strand, and an answer posted from a batch writer wakes that one thread.
    // One io_context shared by all threads parked the idle ones on a condition variable and woke them for
    // handlers: a fifth of the service's CPU per single event (BENCHMARKS.md, "one io_context per thread").
    net::io_context& NextIoContext() { return io_contexts[next_io_context++ % io_contexts.size()]; }

    static std::deque<net::io_context> MakeIoContexts(int count) {
        std::deque<net::io_context> contexts;
        for (int i = 0; i < count; ++i) contexts.emplace_back(1);  // concurrency hint: one thread runs it
        return contexts;
    }

    // Declared first so that it outlives the io_contexts, whose destructors destroy suspended sessions.
    ServerState state;
    std::deque<net::io_context> io_contexts;  // a deque: it never moves its elements, which io_context needs
    std::size_t next_io_context = 0;         // only the acceptor's coroutine touches it
    std::size_t accept_failures = 0;         // since the last warning; the acceptor's coroutine only
    std::chrono::steady_clock::time_point last_accept_warning{};
    net::thread_pool workers;
    tcp::acceptor acceptor;
    std::vector<net::executor_work_guard<net::io_context::executor_type>> keep_running;
    std::vector<std::thread> threads;
};

Server::Server(ServerOptions options, const Router& router, common::MetricsRegistry& metrics)
    : impl_(std::make_unique<Impl>(std::move(options), router, metrics)) {}

Server::~Server() {
    if (!impl_->threads.empty()) Stop(std::chrono::milliseconds(0));
}

void Server::Start() {
    const auto endpoint = ParseListen(impl_->state.options.listen);
    auto& max_connections = impl_->state.options.max_connections;
    max_connections = FitConnectionsToDescriptorLimit(max_connections);
    auto& acceptor = impl_->acceptor;
    acceptor.open(endpoint.protocol());
    acceptor.set_option(net::socket_base::reuse_address(true));
    boost::system::error_code ec;
    acceptor.bind(endpoint, ec);
    if (ec) throw std::runtime_error("cannot listen on " + impl_->state.options.listen + ": " + ec.message());
    acceptor.listen(net::socket_base::max_listen_connections);
    net::co_spawn(acceptor.get_executor(), impl_->Accept(), net::detached);
    int index = 0;
    for (auto& io : impl_->io_contexts) {
        impl_->threads.emplace_back([&io, name = "http-" + std::to_string(index++)] {
            common::NameThisThread(name);
            io.run();
        });
    }
}

std::uint16_t Server::Port() const { return impl_->acceptor.local_endpoint().port(); }

void Server::StopAccepting() {
    impl_->state.stopping = true;
    net::post(impl_->acceptor.get_executor(), [this] {
        boost::system::error_code ec;
        impl_->acceptor.close(ec);
    });
}

void Server::Stop(std::chrono::milliseconds grace) {
    StopAccepting();
    const auto deadline = std::chrono::steady_clock::now() + grace;
    while (impl_->state.requests_in_flight.load() > 0 && std::chrono::steady_clock::now() < deadline) {
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    for (auto& io : impl_->io_contexts) io.stop();
    for (auto& thread : impl_->threads) {
        if (thread.joinable()) thread.join();
    }
    impl_->threads.clear();
    impl_->workers.stop();
    impl_->workers.join();
}

std::size_t Server::RequestsInFlight() const { return impl_->state.requests_in_flight.load(); }

}  // namespace auditrail::http
