#include "asio.hpp"
#include "offload.hpp"
#include "response_slot.hpp"
#include "server_state.hpp"

#include <auditrail/common/log.hpp>
#include <auditrail/http/problem.hpp>

#include <sys/socket.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <chrono>
#include <optional>

namespace auditrail::http {
namespace {

using Clock = std::chrono::steady_clock;

/// Keeps a counter up for the lifetime of a scope.
class CountGuard {
public:
    explicit CountGuard(std::atomic<std::size_t>& counter) : counter_(counter) { ++counter_; }
    ~CountGuard() { --counter_; }
    CountGuard(const CountGuard&) = delete;
    CountGuard& operator=(const CountGuard&) = delete;

private:
    std::atomic<std::size_t>& counter_;
};

bool IsSafeRequestId(std::string_view id) {
    if (id.empty() || id.size() > 64) return false;
    for (char c : id) {
        if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_' && c != '.') return false;
    }
    return true;
}

/// The peer's address as text, once per connection ("" when the socket has none any more).
std::string RemoteAddress(const tcp::socket& socket) {
    boost::system::error_code ec;
    const auto remote = socket.remote_endpoint(ec);
    return ec ? std::string() : remote.address().to_string();
}

/// `id` as 16 lower-case hex digits.
std::string HexId(std::uint64_t id) {
    static constexpr char kDigits[] = "0123456789abcdef";
    std::string text(16, '0');
    for (int i = 15; i >= 0; --i, id >>= 4) text[static_cast<std::size_t>(i)] = kDigits[id & 0xf];
    return text;
}

/// The requests_total label set of the previous answer, reused while route and status repeat (they mostly do
/// on one connection), so that counting a request builds no strings.
class RequestLabels {
public:
    const std::string& Of(const std::string& route, int status) {
        if (status != status_ || route != route_) {
            route_ = route;
            status_ = status;
            labels_ = common::Label("route", route) + "," + common::Label("status", std::to_string(status));
        }
        return labels_;
    }

private:
    std::string route_;
    int status_ = 0;
    std::string labels_;
};

/// What a request's Transfer-Encoding allows: none or `chunked` alone is read as usual. When `chunked` is not the
/// last coding (`gzip`, `chunked, gzip`), the body's length is unknown, so anything after the head could be read as
/// a second request (RFC 9112 §6.3: 400, then close). `gzip, chunked` is framed but its coding is one we do not
/// decode (§6.1: 501); Beast would read it as plain chunked and hand gzip bytes on as the body.
struct TransferCodingCheck {
    int status = 0;  ///< 0: fine
    std::string detail;
};

TransferCodingCheck CheckTransferCoding(const bhttp::request_parser<bhttp::string_body>& parser) {
    const auto& head = parser.get();
    if (head.count(bhttp::field::transfer_encoding) == 0) return {};
    std::string codings;  // every Transfer-Encoding line, in order, wherever it stands among the others
    for (const auto& field : head) {
        if (field.name() != bhttp::field::transfer_encoding) continue;
        if (!codings.empty()) codings += ", ";
        codings.append(field.value().data(), field.value().size());
    }
    std::string_view rest(codings);
    const auto is_space = [](char c) { return c == ' ' || c == '\t' || c == ','; };
    while (!rest.empty() && is_space(rest.back())) rest.remove_suffix(1);
    const auto last_start = rest.find_last_of(", \t");
    const std::string_view last = last_start == std::string_view::npos ? rest : rest.substr(last_start + 1);
    if (!beast::iequals(beast::string_view(last.data(), last.size()), "chunked")) {
        return {400, "Transfer-Encoding " + codings + " does not end in chunked: the body's length is unknown"};
    }
    if (last_start != std::string_view::npos) {
        return {501, "Transfer-Encoding " + codings + " is not supported: send chunked or a Content-Length"};
    }
    return {};
}

/// Why a request head cannot be taken as it is, or "" when it can: an HTTP/1.1 request names exactly one Host
/// (RFC 9112 §3.2), and a header that holds one value must not come twice, or two parties could each read a
/// different one (a proxy's Authorization and a client's).
std::string HeadProblem(const bhttp::request_parser<bhttp::string_body>& parser) {
    const auto& head = parser.get();
    const auto hosts = head.count(bhttp::field::host);
    if (hosts > 1 || (hosts == 0 && head.version() >= 11)) return "an HTTP/1.1 request names exactly one Host";
    for (const auto field : {bhttp::field::authorization, bhttp::field::content_type, bhttp::field::cookie}) {
        if (head.count(field) > 1) return std::string(bhttp::to_string(field)) + " appears more than once";
    }
    return {};
}

/// The path of an absolute-form target (`http://host/path?q`, RFC 9112 §3.2.2, which a server must accept): from
/// its first `/` after the authority, or `/` when it has none. Any other target is returned as it is.
std::string_view OriginForm(std::string_view target) {
    const auto scheme_end = target.find("://");
    if (scheme_end == std::string_view::npos || target.empty() || target.front() == '/') return target;
    const beast::string_view scheme(target.data(), scheme_end);
    if (!beast::iequals(scheme, "http") && !beast::iequals(scheme, "https")) return target;
    const auto authority = target.substr(scheme_end + 3);
    const auto path = authority.find_first_of("/?");
    if (path == std::string_view::npos) return "/";
    return authority[path] == '/' ? authority.substr(path) : std::string_view("/");
}

/// The request's head as a Request (no body yet).
Request RequestHead(const bhttp::request<bhttp::string_body>& message, const std::string& remote_address,
                    ServerState& state) {
    Request request;
    request.method = std::string(message.method_string());
    const auto target = message.target();
    request.target = std::string(OriginForm(std::string_view(target.data(), target.size())));
    const auto question = request.target.find('?');
    request.path = request.target.substr(0, question);
    if (question != std::string::npos) request.query = request.target.substr(question + 1);
    request.headers.reserve(8);
    for (const auto& field : message) {
        std::string name(field.name_string());
        for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        // Lines of one name are one list (RFC 9110 §5.3): two Content-Encoding lines are both codings.
        const auto same = std::find_if(request.headers.begin(), request.headers.end(),
                                       [&name](const auto& header) { return header.first == name; });
        if (same != request.headers.end()) {
            same->second.append(", ").append(field.value().data(), field.value().size());
        } else {
            request.headers.emplace_back(std::move(name), std::string(field.value()));
        }
    }
    request.remote_address = remote_address;
    const auto given_id = request.Header("x-request-id");
    if (IsSafeRequestId(given_id)) {
        request.request_id = std::string(given_id);
    } else {
        request.request_id = HexId(state.next_request_id++);
    }
    return request;
}

/// The answer to a request that will be refused whatever its body: no route takes it, or its route's head check
/// refuses it. Asked before `100 Continue`, so that such a body is never sent.
std::optional<Response> AnswerBeforeBody(Request& head, ServerState& state, std::string& route) {
    const RouteMatch match = state.router.Match(head);
    route = match.route;
    if (!match.handler) return state.router.AnswerUnmatched(head, match);
    if (!match.head_check) return std::nullopt;
    try {
        return (*match.head_check)(head);
    } catch (const std::exception& error) {  // a bug of the check's: the handler judges the whole request
        common::LogError("head check failed", {{"route", route}, {"error", error.what()}});
        return std::nullopt;
    }
}

/// Runs the matched handler (inline or on the worker pool) and waits for its answer.
net::awaitable<Response> Dispatch(Request request, ServerState& state, std::string& route) {
    auto shared_request = std::make_shared<Request>(std::move(request));
    RouteMatch match = state.router.Match(*shared_request);
    route = match.route;
    if (!match.handler) co_return state.router.AnswerUnmatched(*shared_request, match);
    auto slot = std::make_shared<ResponseSlot>(co_await net::this_coro::executor);
    auto run = [handler = match.handler, shared_request, slot] {
        Responder responder(slot);
        try {
            (*handler)(*shared_request, responder);
        } catch (const HttpError& error) {
            responder.Send(error.ToResponse());
        } catch (const std::exception& error) {
            common::LogError("handler failed", {{"request_id", shared_request->request_id},
                                                {"path", shared_request->path},
                                                {"error", error.what()}});
            responder.Send(Problem(500, "internal_error", "an unexpected error occurred; it has been logged"));
        }
    };
    if (match.execution == Execution::kBlocking) {
        net::post(state.workers, std::move(run));
    } else {
        run();
    }
    co_return co_await slot->Wait(state.options.handler_timeout);
}

template <class Message>
void Decorate(Message& head, const Response& response, const std::string& request_id, bool keep_alive) {
    head.set(bhttp::field::content_type, response.content_type);
    head.set("X-Request-Id", request_id);
    for (const auto& [name, value] : response.headers) head.insert(name, value);
    head.keep_alive(keep_alive);
}

/// Has the client closed its end (or reset it)? A look that neither waits nor takes any byte the client sent.
bool PeerHasClosed(tcp::socket& socket) {
    char byte = 0;
    const auto got = ::recv(socket.native_handle(), &byte, 1, MSG_PEEK | MSG_DONTWAIT);
    return got == 0 || (got < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR);
}

net::awaitable<bool> WriteStreamed(beast::tcp_stream& stream, bhttp::response<bhttp::empty_body>& head,
                                   BodyStream& body, ServerState& state) {
    boost::system::error_code ec;
    head.chunked(true);
    bhttp::response_serializer<bhttp::empty_body> serializer{head};
    stream.expires_after(state.options.io_timeout);
    co_await bhttp::async_write_header(stream, serializer, net::redirect_error(net::use_awaitable, ec));
    if (ec) {
        body.Cancel();
        co_return false;
    }
    for (;;) {
        auto piece = co_await Offload(state.workers, [&body] {
            std::string chunk;
            const bool more = body.Next(chunk);
            return std::make_pair(more, std::move(chunk));
        });
        stream.expires_after(state.options.io_timeout);
        if (piece.second.empty() && piece.first && PeerHasClosed(stream.socket())) {
            // A producer that gathers before it sends (an XLSX workbook) writes nothing for minutes: without this
            // look, a client that left would be noticed only when it is done.
            body.Cancel();
            co_return false;
        }
        if (!piece.second.empty()) {
            co_await net::async_write(stream, bhttp::make_chunk(net::buffer(piece.second)),
                                      net::redirect_error(net::use_awaitable, ec));
            if (ec) {
                body.Cancel();  // the client went away: stop producing
                co_return false;
            }
        }
        if (!piece.first) break;
    }
    co_await net::async_write(stream, bhttp::make_chunk_last(), net::redirect_error(net::use_awaitable, ec));
    co_return !ec;
}

/// Writes a small error answer and reports whether it went out.
net::awaitable<void> WriteProblem(beast::tcp_stream& stream, int status, std::string_view code, std::string_view detail,
                                  ServerState& state) {
    Response problem = Problem(status, code, detail);
    bhttp::response<bhttp::string_body> message{static_cast<bhttp::status>(status), 11};
    Decorate(message, problem, "-", false);
    message.body() = std::move(problem.body);
    message.prepare_payload();
    boost::system::error_code ec;
    stream.expires_after(state.options.io_timeout);
    co_await bhttp::async_write(stream, message, net::redirect_error(net::use_awaitable, ec));
    const std::string labels =
        common::Label("route", "unparsed") + "," + common::Label("status", std::to_string(status));
    state.requests_total.Add(labels);
}

/// Closes after an early answer (413, 431) without losing it: shut down our side, then read and discard
/// what the client is still sending for a moment, so that closing with unread input does not reset the
/// connection before the client has read the answer.
net::awaitable<void> LingeringClose(beast::tcp_stream& stream) {
    boost::system::error_code ec;
    stream.socket().shutdown(tcp::socket::shutdown_send, ec);
    stream.expires_after(std::chrono::seconds(2));
    char sink[16 * 1024];
    std::size_t discarded = 0;
    while (!ec && discarded < 8 * 1024 * 1024) {
        discarded += co_await stream.async_read_some(net::buffer(sink), net::redirect_error(net::use_awaitable, ec));
    }
}

/// An early answer (400, 413, 431), then the close: the rest of the request is not read.
net::awaitable<void> AnswerAndClose(beast::tcp_stream& stream, int status, std::string_view code, std::string detail,
                                    ServerState& state) {
    co_await WriteProblem(stream, status, code, detail, state);
    co_await LingeringClose(stream);
}

std::string BodyTooLarge(const ServerState& state) {
    return "the body is larger than " + std::to_string(state.options.body_limit) + " bytes";
}

std::string NotHttp(const boost::system::error_code& ec) {
    return "the request is not valid HTTP/1.1: " + ec.message();
}

/// Is `ec` a request the client sent but that is not valid HTTP/1.1 (a bad request line, header, length or chunk),
/// as opposed to a connection that closed or timed out, to which nothing can be answered?
bool IsMalformedRequest(const boost::system::error_code& ec) {
    static const auto& http_errors = bhttp::make_error_code(bhttp::error::bad_method).category();
    return ec.category() == http_errors && ec != bhttp::error::end_of_stream && ec != bhttp::error::partial_message;
}

}  // namespace

/// Read room for a request body, and what an idle keep-alive connection may keep of it.
constexpr std::uint64_t kBodyReadRoom = 64 * 1024;
constexpr std::size_t kIdleBufferRoom = 4 * 1024;

net::awaitable<void> RunSession(tcp::socket socket, ServerState& state) {
    CountGuard connection_guard(state.connections);
    beast::tcp_stream stream(std::move(socket));
    beast::flat_buffer buffer;
    boost::system::error_code ec;
    const std::string remote_address = RemoteAddress(stream.socket());
    RequestLabels labels;
    for (;;) {
        bhttp::request_parser<bhttp::string_body> parser;
        parser.header_limit(static_cast<std::uint32_t>(state.options.header_limit));
        parser.body_limit(state.options.body_limit);

        // An idle keep-alive connection gets idle_timeout for its next request's first bytes; from then on
        // io_timeout bounds the rest, so that a head sent a byte at a time cannot keep the connection for longer.
        if (buffer.size() == 0) {
            stream.expires_after(state.options.idle_timeout);
            const std::size_t got = co_await stream.async_read_some(buffer.prepare(beast::read_size(buffer, 65536)),
                                                                    net::redirect_error(net::use_awaitable, ec));
            buffer.commit(got);
            if (ec) break;  // closed, or idle past its timeout: nobody to answer
        }
        stream.expires_after(state.options.io_timeout);
        co_await bhttp::async_read_header(stream, buffer, parser, net::redirect_error(net::use_awaitable, ec));
        if (ec == bhttp::error::header_limit) {
            co_await AnswerAndClose(stream, 431, "header_too_large", "the request head is too large", state);
            co_return;
        }
        // Beast checks Content-Length against the body limit while parsing the head.
        const auto length = ec ? boost::none : parser.content_length();
        if (ec == bhttp::error::body_limit || (length && *length > state.options.body_limit)) {
            co_await AnswerAndClose(stream, 413, "payload_too_large", BodyTooLarge(state), state);
            co_return;
        }
        if (IsMalformedRequest(ec)) {
            co_await AnswerAndClose(stream, 400, "bad_request", NotHttp(ec), state);
            co_return;
        }
        if (ec) break;  // closed or timed out: nobody to answer
        if (auto problem = HeadProblem(parser); !problem.empty()) {
            co_await AnswerAndClose(stream, 400, "bad_request", std::move(problem), state);
            co_return;
        }
        if (auto coding = CheckTransferCoding(parser); coding.status != 0) {
            co_await AnswerAndClose(stream, coding.status, coding.status == 400 ? "bad_request" : "not_implemented",
                                    std::move(coding.detail), state);
            co_return;
        }
        auto& head = parser.get();
        std::optional<Request> early;  // the head, when it was judged before the body; the body joins it below
        // HTTP/1.0 has no 1xx answers: its Expect is ignored (RFC 9110 §10.1.1).
        if (head.version() >= 11 && beast::iequals(head[bhttp::field::expect], "100-continue")) {
            early = RequestHead(head, remote_address, state);
            std::string route;
            if (auto answer = AnswerBeforeBody(*early, state, route)) {
                // The client waits for our word before sending the body: it gets the final answer instead, and
                // the connection closes, since a body may still follow (from a client that did not wait).
                bhttp::response<bhttp::string_body> final_answer{static_cast<bhttp::status>(answer->status),
                                                                 head.version()};
                Decorate(final_answer, *answer, early->request_id, false);
                final_answer.body() = std::move(answer->body);
                final_answer.prepare_payload();
                if (head.method() == bhttp::verb::head) final_answer.body().clear();
                stream.expires_after(state.options.io_timeout);
                co_await bhttp::async_write(stream, final_answer, net::redirect_error(net::use_awaitable, ec));
                state.requests_total.Add(labels.Of(route, answer->status));
                if (!ec) co_await LingeringClose(stream);
                co_return;
            }
            bhttp::response<bhttp::empty_body> go_on{bhttp::status::continue_, head.version()};
            stream.expires_after(state.options.io_timeout);
            co_await bhttp::async_write(stream, go_on, net::redirect_error(net::use_awaitable, ec));
            if (ec) break;
        }
        // Beast asks a flat_buffer for max(512, free capacity) bytes per read, and the buffer grows only to what is
        // asked, so a 40 KB body arrived in about 80 reads of 512 bytes (strace: ~60 recvmsg per request). Room for
        // the body, bounded, makes that a few reads; the connection gives the room back once the request is done.
        if (const auto length = parser.content_length()) {
            buffer.reserve(buffer.size() + static_cast<std::size_t>(std::min<std::uint64_t>(*length, kBodyReadRoom)));
        }
        stream.expires_after(state.options.io_timeout);
        co_await bhttp::async_read(stream, buffer, parser, net::redirect_error(net::use_awaitable, ec));
        if (ec == bhttp::error::body_limit) {
            co_await AnswerAndClose(stream, 413, "payload_too_large", BodyTooLarge(state), state);
            co_return;
        }
        if (IsMalformedRequest(ec)) {  // a bad chunk, for one
            co_await AnswerAndClose(stream, 400, "bad_request", NotHttp(ec), state);
            co_return;
        }
        if (ec) break;

        CountGuard request_guard(state.requests_in_flight);
        const auto started = Clock::now();
        auto message = parser.release();
        const unsigned version = message.version();
        const bool keep_alive = message.keep_alive() && !state.stopping.load();
        const bool is_head = message.method() == bhttp::verb::head;
        Request request = early ? std::move(*early) : RequestHead(message, remote_address, state);
        request.body = std::move(message.body());
        const std::string request_id = request.request_id;
        std::string route;
        Response response = co_await Dispatch(std::move(request), state, route);
        // 503s are expected answers (overload, outage) and counted in /metrics; anything else 5xx is a bug.
        if (response.status >= 500 && response.status != 503) {
            common::LogError("request failed",
                            {{"request_id", request_id},
                             {"route", route},
                             {"status", std::to_string(response.status)}});
        }
        state.requests_total.Add(labels.Of(route, response.status));

        bool written = false;
        if (response.stream && is_head) {
            // What GET would send is chunked, of a length not known before it is made: say so, send no body.
            response.stream->Cancel();
            bhttp::response<bhttp::empty_body> streamed{static_cast<bhttp::status>(response.status), version};
            Decorate(streamed, response, request_id, keep_alive);
            streamed.chunked(true);
            bhttp::response_serializer<bhttp::empty_body> serializer{streamed};
            stream.expires_after(state.options.io_timeout);
            co_await bhttp::async_write_header(stream, serializer, net::redirect_error(net::use_awaitable, ec));
            written = !ec;
        } else if (response.stream) {
            bhttp::response<bhttp::empty_body> streamed{static_cast<bhttp::status>(response.status), version};
            Decorate(streamed, response, request_id, keep_alive);
            written = co_await WriteStreamed(stream, streamed, *response.stream, state);
        } else {
            bhttp::response<bhttp::string_body> plain{static_cast<bhttp::status>(response.status), version};
            Decorate(plain, response, request_id, keep_alive);
            plain.body() = std::move(response.body);
            plain.prepare_payload();
            if (is_head) plain.body().clear();
            stream.expires_after(state.options.io_timeout);
            co_await bhttp::async_write(stream, plain, net::redirect_error(net::use_awaitable, ec));
            written = !ec;
        }
        state.request_seconds.Observe(std::chrono::duration<double>(Clock::now() - started).count());
        if (!written || !keep_alive) break;
        if (buffer.size() == 0 && buffer.capacity() > kIdleBufferRoom) buffer.shrink_to_fit();
    }
    stream.socket().shutdown(tcp::socket::shutdown_send, ec);
}

}  // namespace auditrail::http
