// The HTTP server's limits and keep-alive on their own: a trivial router, no database.
#include <support/test_client.hpp>

#include <auditrail/common/metrics.hpp>
#include <auditrail/http/problem.hpp>
#include <auditrail/http/server.hpp>

#include <catch2/catch.hpp>

#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <thread>

namespace auditrail::http {
namespace {

/// A streamed body of two pieces.
class TwoPieces final : public BodyStream {
public:
    bool Next(std::string& chunk) override {
        chunk = sent_++ == 0 ? "first-piece," : "second-piece";
        return sent_ < 2;
    }

private:
    int sent_ = 0;
};

/// A streamed body that gathers for ever before its first byte (as an XLSX export does), until cancelled.
class Gathering final : public BodyStream {
public:
    bool Next(std::string&) override {
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
        return true;
    }
    void Cancel() override { cancelled = true; }

    std::atomic<bool> cancelled{false};
};

struct EchoServer {
    explicit EchoServer(ServerOptions options = {}) {
        options.listen = "127.0.0.1:0";
        router.Add("POST", "/echo", SyncHandler([](Request& request) { return Json(200, request.body); }));
        router.Add("GET", "/items/{id}", SyncHandler([](Request& request) {
                       return Json(200, "{\"id\":\"" + request.path_params.at(0) + "\"}");
                   }));
        router.Add("GET", "/slow", AsyncHandler([](Request&, Responder responder) {
                       responder.OnTimeout([] { return Problem(503, "overloaded", "too slow"); });
                   }));
        router.Add("GET", "/stream", SyncHandler([](Request&) {
                       Response response;
                       response.content_type = "text/plain";
                       response.stream = std::make_shared<TwoPieces>();
                       return response;
                   }));
        router.Add("GET", "/gathering", SyncHandler([this](Request&) {
                       Response response;
                       response.stream = gathering;
                       return response;
                   }));
        router.Add("GET", "/header/{name}", SyncHandler([](Request& request) {
                       return Json(200, std::string(request.Header(request.path_params.at(0))));
                   }));
        router.Add("GET", "/boom", SyncHandler([](Request&) -> Response { throw std::runtime_error("boom"); }));
        router.CheckHeads("POST", "/echo", [](const Request& head) -> std::optional<Response> {
            if (head.Header("x-deny").empty()) return std::nullopt;
            return Problem(401, "unauthorized", "denied by its head");
        });
        server = std::make_unique<Server>(options, router, metrics);
        server->Start();
    }
    ~EchoServer() { server->Stop(std::chrono::milliseconds(1000)); }

    std::shared_ptr<Gathering> gathering = std::make_shared<Gathering>();
    common::MetricsRegistry metrics;
    Router router;
    std::unique_ptr<Server> server;
};

struct Received {
    std::string data;
    bool closed_by_server = false;  ///< false when the 5 s receive timeout ended the wait instead
};

/// Reads until the server closes (or 5 s pass).
Received ReadUntilClosed(int fd) {
    Received received;
    char buffer[4096];
    for (;;) {
        const auto n = ::read(fd, buffer, sizeof buffer);
        if (n <= 0) {
            received.closed_by_server = n == 0;
            break;
        }
        received.data.append(buffer, static_cast<std::size_t>(n));
    }
    ::close(fd);
    return received;
}

/// Sends `request` on a connection of its own, as it is, and reads until the server closes (or 5 s pass).
Received Exchange(std::uint16_t port, const std::string& request) {
    const int fd = test::RawConnect(port);
    REQUIRE(::write(fd, request.data(), request.size()) == static_cast<ssize_t>(request.size()));
    return ReadUntilClosed(fd);
}

}  // namespace

TEST_CASE("requests are routed, path parameters passed, keep-alive honoured", "[http]") {
    EchoServer echo;
    test::TestClient client(echo.server->Port());
    CHECK(client.Request("POST", "/echo", "hello").body == "hello");
    const auto item = client.Request("GET", "/items/42");
    CHECK(item.body == R"({"id":"42"})");
    CHECK_FALSE(item.Header("x-request-id").empty());
    CHECK(client.Request("GET", "/items/").status == 404);
    const auto put = client.Request("PUT", "/echo");
    CHECK(put.status == 405);
    CHECK(put.Header("allow") == "POST");
    // A GET route answers HEAD too, and says so.
    const auto post = client.Request("POST", "/items/42");
    CHECK(post.status == 405);
    CHECK(post.Header("allow") == "GET, HEAD");
}

TEST_CASE("bodies larger than the read room and pipelined requests arrive whole", "[http]") {
    EchoServer echo;
    // Bodies of many sizes around and past the 64 KiB read room, on one keep-alive connection, each different.
    test::TestClient client(echo.server->Port());
    for (const std::size_t size : {0, 1, 511, 513, 65535, 65536, 65537, 300000, 10, 200000}) {
        std::string body(size, 'x');
        for (std::size_t i = 0; i < size; i += 997) body[i] = static_cast<char>('a' + i % 26);
        INFO("body of " << size << " bytes");
        CHECK(client.Request("POST", "/echo", body).body == body);
    }
    // Two requests in one write: the second's bytes sit in the buffer while the first is read and answered.
    const int fd = test::RawConnect(echo.server->Port());
    const std::string big(100000, 'y');
    const std::string requests = "POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: " + std::to_string(big.size()) +
                                 "\r\n\r\n" + big +
                                 "POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 5\r\nConnection: close\r\n\r\nsmall";
    REQUIRE(::write(fd, requests.data(), requests.size()) == static_cast<ssize_t>(requests.size()));
    const auto received = ReadUntilClosed(fd);
    CHECK(received.closed_by_server);
    CHECK(received.data.find(big) != std::string::npos);
    CHECK(received.data.size() > big.size());
    CHECK(received.data.substr(received.data.size() - 5) == "small");
}

TEST_CASE("a handler that throws answers a logged 500 problem and the server goes on", "[http]") {
    EchoServer echo;
    test::TestClient client(echo.server->Port());
    const auto failed = client.Request("GET", "/boom");
    CHECK(failed.status == 500);
    CHECK(failed.Header("content-type") == "application/problem+json");
    CHECK(failed.body.find("boom") == std::string::npos);  // internals are logged, not shown
    CHECK(client.Request("POST", "/echo", "still here").body == "still here");
}

TEST_CASE("a handler that never answers gets its timeout answer", "[http]") {
    ServerOptions options;
    options.handler_timeout = std::chrono::milliseconds(200);
    EchoServer echo(options);
    test::TestClient client(echo.server->Port());
    const auto slow = client.Request("GET", "/slow");
    CHECK(slow.status == 503);
    CHECK(slow.body.find("too slow") != std::string::npos);
}

TEST_CASE("a body over the limit is answered 413 before it is read", "[http]") {
    ServerOptions options;
    options.body_limit = 1024;
    EchoServer echo(options);
    test::TestClient client(echo.server->Port());
    const auto refused = client.Request("POST", "/echo", std::string(4096, 'x'));
    CHECK(refused.status == 413);
    CHECK(test::JsonMember(refused.body, "code") == "payload_too_large");
}

TEST_CASE("a head over the limit is answered 431", "[http]") {
    ServerOptions options;
    options.header_limit = 2048;
    EchoServer echo(options);
    const std::string request = "GET /items/1 HTTP/1.1\r\nHost: x\r\nX-Big: " + std::string(4096, 'a') + "\r\n\r\n";
    CHECK(Exchange(echo.server->Port(), request).data.rfind("HTTP/1.1 431", 0) == 0);
}

TEST_CASE("a request that is not valid HTTP/1.1 is answered 400 bad_request, then the connection closes", "[http]") {
    EchoServer echo;
    const std::vector<std::string> malformed = {
        "HELLO\r\n\r\n",
        "GET /echo HTTP/1.2\r\nHost: x\r\n\r\n",
        "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\nabcd",
        "POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nabc\r\n0\r\n\r\n",
        "GET /items/1 HTTP/1.1\r\n\r\n",
        "GET /items/1 HTTP/1.1\r\nHost: x\r\nHost: y\r\n\r\n",
        "GET /items/1 HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer a\r\nAuthorization: Bearer b\r\n\r\n",
        "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Type: a/b\r\nContent-Type: c/d\r\nContent-Length: 0\r\n\r\n",
    };
    for (const auto& request : malformed) {
        CAPTURE(request);
        const auto received = Exchange(echo.server->Port(), request);
        CHECK(received.closed_by_server);
        CHECK(received.data.rfind("HTTP/1.1 400", 0) == 0);
        CHECK(received.data.find("application/problem+json") != std::string::npos);
        CHECK(received.data.find("\"code\":\"bad_request\"") != std::string::npos);
    }
}

TEST_CASE("a transfer coding other than chunked alone is answered 501 or 400, never passed on as the body", "[http]") {
    EchoServer echo;
    const std::vector<std::string> requests = {
        "POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip, chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n",
        "POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip\r\nTransfer-Encoding: chunked\r\n\r\n"
        "3\r\nabc\r\n0\r\n\r\n",
        "POST /echo HTTP/1.1\r\nTransfer-Encoding: gzip\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
        "3\r\nabc\r\n0\r\n\r\n",
    };
    for (const auto& request : requests) {
        CAPTURE(request);
        const auto received = Exchange(echo.server->Port(), request);
        CHECK(received.data.rfind("HTTP/1.1 501", 0) == 0);
        CHECK(received.data.find("\"code\":\"not_implemented\"") != std::string::npos);
        CHECK(received.data.find("abc") == std::string::npos);
    }
    // A coding after chunked, or no chunked at all: the body's length is unknown, so what follows the head must not
    // be read as a request of its own (it would be smuggled past whatever framed the message otherwise).
    const std::string inner = "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 8\r\n\r\nsmuggled";
    const std::vector<std::string> codings = {"gzip", "chunked, gzip", "xchunked",
                                              "chunked\r\nX-Other: 1\r\nTransfer-Encoding: gzip"};
    for (const std::string& coding : codings) {
        CAPTURE(coding);
        const std::string request =
            "POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: " + coding + "\r\n\r\n" + inner;
        const auto received = Exchange(echo.server->Port(), request);
        CHECK(received.data.rfind("HTTP/1.1 400", 0) == 0);
        CHECK(received.data.find("\"code\":\"bad_request\"") != std::string::npos);
        CHECK(received.data.find("smuggled") == std::string::npos);
        CHECK(received.data.find("HTTP/1.1 200") == std::string::npos);
    }
    // Chunked alone, in any case, is read as usual.
    const std::string chunked =
        "POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: Chunked \r\nConnection: close\r\n\r\n"
        "3\r\nabc\r\n0\r\n\r\n";
    const auto received = Exchange(echo.server->Port(), chunked);
    CHECK(received.data.rfind("HTTP/1.1 200", 0) == 0);
    CHECK(received.data.substr(received.data.size() - 3) == "abc");
}

TEST_CASE("Expect: 100-continue is answered by the route's head check or 404 before the body, else 100", "[http]") {
    EchoServer echo;
    // Refused by its head: the final answer comes at once, no 100, and the connection closes unread.
    for (const std::string target : {"/echo", "/nowhere"}) {
        CAPTURE(target);
        const std::string head = "POST " + target + " HTTP/1.1\r\nHost: x\r\nX-Deny: 1\r\nContent-Length: 5\r\n"
                                 "Expect: 100-continue\r\n\r\n";
        const auto received = Exchange(echo.server->Port(), head);
        CHECK(received.closed_by_server);
        CHECK(received.data.find("100 Continue") == std::string::npos);
        CHECK(received.data.rfind(target == "/echo" ? "HTTP/1.1 401" : "HTTP/1.1 404", 0) == 0);
        if (target == "/echo") CHECK(received.data.find("denied by its head") != std::string::npos);
    }
    // HEAD gets the head of that answer, no body.
    const auto head_only = Exchange(echo.server->Port(), "HEAD /nowhere HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n"
                                                         "Expect: 100-continue\r\n\r\n");
    CHECK(head_only.data.rfind("HTTP/1.1 404", 0) == 0);
    CHECK(head_only.data.substr(head_only.data.find("\r\n\r\n") + 4).empty());
    // Accepted by its head: 100 Continue, then the body, then the answer.
    const int fd = test::RawConnect(echo.server->Port());
    const std::string head =
        "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nExpect: 100-continue\r\nConnection: close\r\n\r\n";
    REQUIRE(::write(fd, head.data(), head.size()) == static_cast<ssize_t>(head.size()));
    std::string interim;
    char byte = 0;
    while (interim.find("\r\n\r\n") == std::string::npos && ::read(fd, &byte, 1) == 1) interim.push_back(byte);
    CHECK(interim == "HTTP/1.1 100 Continue\r\n\r\n");
    REQUIRE(::write(fd, "hello", 5) == 5);
    const auto received = ReadUntilClosed(fd);
    CHECK(received.data.rfind("HTTP/1.1 200", 0) == 0);
    CHECK(received.data.substr(received.data.size() - 5) == "hello");
}

TEST_CASE("an HTTP/1.0 request's Expect: 100-continue is ignored: no 1xx answer", "[http]") {
    EchoServer echo;
    const auto received = Exchange(echo.server->Port(), "POST /echo HTTP/1.0\r\nContent-Length: 5\r\n"
                                                        "Expect: 100-continue\r\n\r\nhello");
    CHECK(received.data.find("100 Continue") == std::string::npos);
    CHECK(received.data.rfind("HTTP/1.0 200", 0) == 0);
    CHECK(received.data.substr(received.data.size() - 5) == "hello");
}

TEST_CASE("HEAD of a streamed answer says chunked, sends no body, and the connection goes on", "[http]") {
    EchoServer echo;
    const std::string requests = "HEAD /stream HTTP/1.1\r\nHost: x\r\n\r\n"
                                 "GET /stream HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
    const auto received = Exchange(echo.server->Port(), requests);
    const auto second = received.data.find("HTTP/1.1 200", 1);
    REQUIRE(second != std::string::npos);
    const std::string head = received.data.substr(0, second);
    CHECK(head.rfind("HTTP/1.1 200", 0) == 0);
    CHECK(head.find("Transfer-Encoding: chunked") != std::string::npos);
    CHECK(head.find("Content-Length") == std::string::npos);  // not 0: GET's body is not empty
    CHECK(head.find("piece") == std::string::npos);
    CHECK(received.data.find("first-piece,") > second);
    CHECK(received.data.find("second-piece") != std::string::npos);
}

TEST_CASE("a client that leaves while a streamed answer gathers cancels it before its first byte", "[http]") {
    EchoServer echo;
    const std::string request = "GET /gathering HTTP/1.1\r\nHost: x\r\n\r\n";
    const int fd = test::RawConnect(echo.server->Port());
    REQUIRE(::write(fd, request.data(), request.size()) == static_cast<ssize_t>(request.size()));
    char head[512];
    REQUIRE(::read(fd, head, sizeof head) > 0);  // the head went out; the body is still being gathered
    ::close(fd);
    for (int i = 0; i < 500 && !echo.gathering->cancelled; ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    CHECK(echo.gathering->cancelled);
}

TEST_CASE("header lines of one name reach the handler as one list", "[http]") {
    EchoServer echo;
    const std::string request = "GET /header/accept-encoding HTTP/1.1\r\nHost: x\r\nAccept-Encoding: gzip\r\n"
                                "accept-encoding: br\r\nConnection: close\r\n\r\n";
    const auto received = Exchange(echo.server->Port(), request);
    CHECK(received.data.substr(received.data.size() - 8) == "gzip, br");
}

TEST_CASE("an absolute-form target is routed by its path", "[http]") {
    EchoServer echo;
    test::TestClient client(echo.server->Port());
    CHECK(client.Request("GET", "http://example.com/items/7").body == R"({"id":"7"})");
    CHECK(client.Request("GET", "HTTPS://example.com:8443/items/8?x=1").body == R"({"id":"8"})");
    CHECK(client.Request("GET", "http://example.com").status == 404);  // the path "/"
    CHECK(client.Request("GET", "ftp://example.com/items/9").status == 404);
}

TEST_CASE("a client that stalls mid-request is disconnected after the I/O timeout", "[http]") {
    ServerOptions options;
    options.io_timeout = std::chrono::seconds(1);
    EchoServer echo(options);
    const int fd = test::RawConnect(echo.server->Port());
    const std::string partial = "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\nabc";
    REQUIRE(::write(fd, partial.data(), partial.size()) == static_cast<ssize_t>(partial.size()));
    // The server closes without an answer (before our own 5 s receive timeout).
    const auto received = ReadUntilClosed(fd);
    CHECK(received.data.empty());
    CHECK(received.closed_by_server);
}

TEST_CASE("a request head that stalls after its first bytes gets the I/O timeout, not the idle one", "[http]") {
    ServerOptions options;
    options.io_timeout = std::chrono::seconds(1);
    options.idle_timeout = std::chrono::seconds(60);
    EchoServer echo(options);
    const int fd = test::RawConnect(echo.server->Port());
    const std::string partial = "POST /echo HTTP/1.1\r\nHo";
    REQUIRE(::write(fd, partial.data(), partial.size()) == static_cast<ssize_t>(partial.size()));
    // Closed by the server before our own 5 s receive timeout, long before the idle timeout.
    const auto received = ReadUntilClosed(fd);
    CHECK(received.data.empty());
    CHECK(received.closed_by_server);
}

}  // namespace auditrail::http
