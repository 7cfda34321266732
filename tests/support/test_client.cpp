#include "test_client.hpp"

#include <utility>

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <auditrail/http/query_string.hpp>
#include <openssl/evp.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cctype>
#include <stdexcept>

namespace auditrail::test {

namespace net = boost::asio;
namespace bhttp = boost::beast::http;

std::string HttpResult::Header(const std::string& lower_name) const {
    for (const auto& [name, value] : headers) {
        if (name == lower_name) return value;
    }
    return {};
}

struct TestClient::Impl {
    explicit Impl(std::uint16_t port) : port(port), stream(io) {}

    void EnsureConnected() {
        if (stream.socket().is_open()) return;
        stream.connect(net::ip::tcp::endpoint(net::ip::make_address("127.0.0.1"), port));
    }

    std::uint16_t port;
    net::io_context io;
    boost::beast::tcp_stream stream;
    boost::beast::flat_buffer buffer;
};

TestClient::TestClient(std::uint16_t port) : impl_(std::make_unique<Impl>(port)) {}
TestClient::~TestClient() = default;

HttpResult TestClient::Request(const std::string& method, const std::string& target, const std::string& body,
                               const Headers& headers) {
    for (int attempt = 0;; ++attempt) {
        try {
            impl_->EnsureConnected();
            bhttp::request<bhttp::string_body> request{bhttp::string_to_verb(method), target, 11};
            request.set(bhttp::field::host, "127.0.0.1");
            for (const auto& [name, value] : headers) request.set(name, value);
            request.body() = body;
            request.prepare_payload();
            bhttp::write(impl_->stream, request);
            bhttp::response_parser<bhttp::string_body> parser;
            parser.body_limit(512 * 1024 * 1024);
            parser.skip(method == "HEAD");  // an answer to HEAD has no body, whatever its head says
            bhttp::read(impl_->stream, impl_->buffer, parser);
            auto response = parser.release();
            HttpResult result;
            result.status = static_cast<int>(response.result_int());
            result.body = std::move(response.body());
            for (const auto& field : response) {
                std::string name(field.name_string());
                for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
                result.headers.emplace_back(std::move(name), std::string(field.value()));
            }
            if (!response.keep_alive()) {
                boost::system::error_code ec;
                impl_->stream.socket().close(ec);
                impl_->buffer.clear();
            }
            return result;
        } catch (const boost::system::system_error& error) {
            boost::system::error_code ec;
            impl_->stream.socket().close(ec);
            impl_->buffer.clear();
            // A keep-alive connection the server closed in between: one fresh try.
            if (attempt > 0) throw std::runtime_error(std::string("HTTP request failed: ") + error.what());
        }
    }
}

std::string JsonMember(const std::string& json, const std::string& name) {
    const std::string key = "\"" + name + "\":\"";
    const auto start = json.find(key);
    if (start == std::string::npos) return {};
    std::string value;
    for (std::size_t i = start + key.size(); i < json.size() && json[i] != '"'; ++i) {
        if (json[i] == '\\' && i + 1 < json.size()) ++i;
        value.push_back(json[i]);
    }
    return value;
}

std::vector<std::string> AcceptedIds(const std::string& json) {
    std::vector<std::string> ids;
    const auto start = json.find("\"ids\":[");
    if (start == std::string::npos) return ids;
    const auto end = json.find(']', start);
    std::size_t i = start + 7;
    while (i < end) {
        const auto open = json.find('"', i);
        if (open == std::string::npos || open > end) break;
        const auto close = json.find('"', open + 1);
        ids.push_back(json.substr(open + 1, close - open - 1));
        i = close + 1;
    }
    return ids;
}

std::string BasicCredentials(const std::string& client_id, const std::string& secret) {
    const std::string pair = http::PercentEncode(client_id) + ":" + http::PercentEncode(secret);
    std::string encoded(4 * ((pair.size() + 2) / 3) + 1, '\0');
    const int length =
        EVP_EncodeBlock(reinterpret_cast<unsigned char*>(encoded.data()),
                        reinterpret_cast<const unsigned char*>(pair.data()), static_cast<int>(pair.size()));
    encoded.resize(static_cast<std::size_t>(length));
    return "Basic " + encoded;
}

int RawConnect(std::uint16_t port) {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(port);
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (fd < 0 || ::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) {
        if (fd >= 0) ::close(fd);
        throw std::runtime_error("cannot connect to 127.0.0.1:" + std::to_string(port));
    }
    timeval wait{5, 0};
    ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &wait, sizeof wait);
    return fd;
}

}  // namespace auditrail::test
