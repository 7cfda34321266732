#include "client_pool.hpp"

#include "asio.hpp"
#include "generator.hpp"
#include "run_window.hpp"

#include <auditrail/events/time.hpp>
#include <auditrail/http/content_coding.hpp>

#include <atomic>
#include <charconv>
#include <condition_variable>
#include <mutex>
#include <optional>
#include <random>
#include <thread>

namespace auditrail::load {
namespace {

/// What every connection of a run shares. Only the atomics change once the run starts.
struct Shared {
    const LoadOptions& options;
    tcp::endpoint endpoint;
    std::string request_head;  ///< the request up to the Content-Length value
    Clock::time_point start;
    Clock::time_point measure_from;
    Clock::time_point deadline;
    std::optional<Pacer> pacer;
    std::atomic<std::uint64_t> issued{0};

    /// Closed loop: may this connection send another request? The deadline is checked first, so that `issued`
    /// counts only the requests granted.
    bool TakeClosedSlot() {
        if (Clock::now() >= deadline) return false;
        return options.max_requests == 0 || issued.fetch_add(1, std::memory_order_relaxed) < options.max_requests;
    }

    /// Did --requests end the run, rather than its duration?
    bool RequestBoundReached() const {
        if (options.max_requests == 0) return false;
        const auto taken = pacer ? pacer->Offered() : issued.load(std::memory_order_relaxed);
        return taken >= options.max_requests;
    }
};

/// The number after "accepted": in a 201/202 body, or -1.
std::int64_t AcceptedCount(std::string_view body) {
    static constexpr std::string_view kKey = "\"accepted\":";
    const auto at = body.find(kKey);
    if (at == std::string_view::npos) return -1;
    std::int64_t value = -1;
    const char* begin = body.data() + at + kKey.size();
    std::from_chars(begin, body.data() + body.size(), value);
    return value;
}

std::uint64_t Nanoseconds(Clock::duration duration) {
    return static_cast<std::uint64_t>(std::chrono::duration_cast<std::chrono::nanoseconds>(duration).count());
}

const char* FailureKind(const boost::system::error_code& ec) {
    return ec == beast::error::timeout ? "timeout" : "closed";
}

/// One keep-alive connection: connect, wait for the start, then request after request until the run ends.
net::awaitable<void> RunConnection(Shared& shared, RunStats& stats, std::uint64_t seed) {
    const LoadOptions& options = shared.options;
    auto executor = co_await net::this_coro::executor;
    beast::tcp_stream stream(executor);
    net::steady_timer timer(executor);
    beast::flat_buffer buffer;
    EventGenerator generator(options.generator, seed);
    std::string body;
    std::string wire;
    std::vector<events::UuidBytes> ids;
    const auto events_per_request = static_cast<std::uint64_t>(options.generator.events_per_request);
    boost::system::error_code ec;
    bool connected = false;

    const auto connect = [&]() -> net::awaitable<bool> {
        stream.expires_after(options.timeout);
        co_await stream.async_connect(shared.endpoint, net::redirect_error(net::use_awaitable, ec));
        if (ec) {
            stream.close();
            co_return false;
        }
        stream.socket().set_option(tcp::no_delay(true), ec);
        buffer.clear();
        co_return true;
    };

    // Connections open before the start so that the first measured requests do not pay for the handshake.
    connected = co_await connect();
    timer.expires_at(shared.start);
    co_await timer.async_wait(net::redirect_error(net::use_awaitable, ec));

    for (;;) {
        Clock::time_point intended;
        Clock::time_point taken;  // when this connection took the request: no earlier than it was free
        if (shared.pacer) {
            taken = Clock::now();
            const auto next = shared.pacer->Next(taken);
            if (!next) break;
            intended = *next;
            if (intended > taken) {
                timer.expires_at(intended);
                co_await timer.async_wait(net::redirect_error(net::use_awaitable, ec));
            }
        } else {
            if (!shared.TakeClosedSlot()) break;
            intended = Clock::now();
        }
        const bool measured = intended >= shared.measure_from;
        if (measured) ++stats.requests;
        const auto fail = [&](const char* kind) {
            if (measured) ++stats.failures[kind];
            stream.close();
            connected = false;
        };

        if (!connected && !(connected = co_await connect())) {
            fail("connect");
            // Do not spin against a port nobody listens on.
            timer.expires_after(std::chrono::milliseconds(50));
            co_await timer.async_wait(net::redirect_error(net::use_awaitable, ec));
            continue;
        }
        ids.clear();
        generator.NextBody(events::NowUs(), body, options.verify ? &ids : nullptr);
        if (options.gzip) body = http::GzipCompress(body);
        wire = shared.request_head;
        wire += std::to_string(body.size());
        wire += "\r\n\r\n";
        wire += body;

        if (measured && shared.pacer) {
            stats.send_lag.Record(Nanoseconds(Clock::now() - intended));
            stats.connection_wait.Record(taken > intended ? Nanoseconds(taken - intended) : 0);
        }
        stream.expires_after(options.timeout);
        co_await net::async_write(stream, net::buffer(wire), net::redirect_error(net::use_awaitable, ec));
        const auto write_error = ec;
        bhttp::response_parser<bhttp::string_body> parser;
        parser.body_limit(16 * 1024 * 1024);
        // A server may answer before it has read the whole body (413) and stop reading: its answer is then waiting
        // to be read although the write failed.
        if (write_error) stream.expires_after(std::chrono::seconds(1));
        co_await bhttp::async_read(stream, buffer, parser, net::redirect_error(net::use_awaitable, ec));
        if (write_error && ec) ec = write_error;
        if (ec) {
            fail(FailureKind(ec));
            continue;
        }
        const auto answered = Clock::now();
        const auto& response = parser.get();
        const int status = static_cast<int>(response.result_int());
        if (measured) ++stats.statuses[status];
        if (status / 100 == 2) {
            if (AcceptedCount(response.body()) != static_cast<std::int64_t>(events_per_request)) {
                fail("bad_answer");
                continue;
            }
            const auto second = static_cast<std::size_t>((answered - shared.start) / std::chrono::seconds(1));
            stats.CountAnswerAt(second, events_per_request, Nanoseconds(answered - intended));
            if (options.verify) stats.acked.insert(stats.acked.end(), ids.begin(), ids.end());
            if (measured) {
                ++stats.ok_requests;
                stats.ok_events += events_per_request;
                stats.latency.Record(Nanoseconds(answered - intended));
                stats.last_completion = std::max(stats.last_completion, answered);
            }
        }
        if (write_error || !response.keep_alive()) {
            stream.close();
            connected = false;
        }
    }
    if (connected) {
        stream.socket().shutdown(tcp::socket::shutdown_send, ec);
        stream.close();
    }
}

tcp::endpoint Resolve(const LoadOptions& options) {
    net::io_context io;
    tcp::resolver resolver(io);
    boost::system::error_code ec;
    const auto results = resolver.resolve(options.host, std::to_string(options.port), ec);
    if (ec || results.empty()) throw std::runtime_error("cannot resolve " + options.host + ": " + ec.message());
    return results.begin()->endpoint();
}

}  // namespace

RunResult RunLoad(const LoadOptions& options, const std::string& token) {
    Shared shared{options, Resolve(options), {}, {}, {}, {}, {}, {}};
    shared.request_head = "POST /v1/events HTTP/1.1\r\nHost: " + FormatTarget(options.host, options.port) +
                          "\r\nUser-Agent: auditrail-load\r\nAuthorization: Bearer " + token +
                          "\r\nContent-Type: application/json\r\n" +
                          (options.gzip ? "Content-Encoding: gzip\r\n" : "") + "Content-Length: ";

    const int threads = std::min(options.threads, options.connections);
    std::vector<std::unique_ptr<net::io_context>> contexts;
    std::vector<RunStats> stats(static_cast<std::size_t>(threads));
    for (int i = 0; i < threads; ++i) contexts.push_back(std::make_unique<net::io_context>(1));

    // A moment for every connection to open before the clock starts.
    const auto lead = std::chrono::milliseconds(100) + std::chrono::microseconds(200) * options.connections;
    shared.start = Clock::now() + lead;
    shared.measure_from = shared.start + options.warmup;
    shared.deadline = options.duration.count() > 0 ? shared.start + options.duration : Clock::time_point::max();
    if (options.rate > 0) {
        shared.pacer.emplace(options.rate, shared.start, options.duration, options.max_requests);
    }

    std::random_device device;
    for (int i = 0; i < options.connections; ++i) {
        const auto slot = static_cast<std::size_t>(i % threads);
        const std::uint64_t seed =
            (static_cast<std::uint64_t>(device()) << 32) ^ device() ^ static_cast<std::uint64_t>(i);
        net::co_spawn(*contexts[slot], RunConnection(shared, stats[slot], seed), net::detached);
    }

    // Every request is bounded by its timeout, so the run ends by itself; the watchdog only guards against a
    // bug that would keep it going.
    std::mutex mutex;
    std::condition_variable finished;
    bool done = false;
    bool forced = false;
    std::thread watchdog;
    if (options.duration.count() > 0) {
        watchdog = std::thread([&] {
            const auto hard_stop = shared.deadline + options.timeout * 2 + std::chrono::seconds(5);
            std::unique_lock lock(mutex);
            if (!finished.wait_until(lock, hard_stop, [&] { return done; })) {
                forced = true;
                for (auto& context : contexts) context->stop();
            }
        });
    }
    std::vector<std::thread> runners;
    for (auto& context : contexts) runners.emplace_back([&io = *context] { io.run(); });
    for (auto& runner : runners) runner.join();
    const auto finished_at = Clock::now();
    {
        std::lock_guard lock(mutex);
        done = true;
    }
    finished.notify_all();
    if (watchdog.joinable()) watchdog.join();

    RunResult result;
    for (auto& one : stats) result.stats.Merge(std::move(one));
    result.forced_stop = forced;
    result.offered = shared.pacer ? shared.pacer->Offered() : 0;
    result.unsent = shared.pacer ? shared.pacer->Unsent() : 0;
    const RunTimes times{.start = shared.start,
                         .measure_from = shared.measure_from,
                         .deadline = shared.deadline,
                         .request_bound_reached = shared.RequestBoundReached(),
                         .finished = finished_at,
                         .last_answer = result.stats.last_completion};
    result.measured_seconds = MeasuredSeconds(times);
    // Seconds without a 2xx answer are in the timeline too, as zeros: it spans the same run as the rates.
    result.stats.seconds.resize(std::max(result.stats.seconds.size(), SecondsCovered(times)));
    return result;
}

}  // namespace auditrail::load
