#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace auditrail::test {

struct HttpResult {
    int status = 0;
    std::string body;
    std::vector<std::pair<std::string, std::string>> headers;  ///< names lower-cased

    std::string Header(const std::string& lower_name) const;
};

using Headers = std::vector<std::pair<std::string, std::string>>;

/// A blocking HTTP/1.1 client on one keep-alive connection to 127.0.0.1:port (reconnects when closed).
class TestClient {
public:
    explicit TestClient(std::uint16_t port);
    ~TestClient();

    /// @throws std::runtime_error when the connection fails (the test sees it as an error, not a status).
    HttpResult Request(const std::string& method, const std::string& target, const std::string& body = {},
                       const Headers& headers = {});

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

/// A plain TCP socket connected to 127.0.0.1:port, for clients that misbehave on purpose; reads on it give up after
/// 5 s. The caller closes it. @throws std::runtime_error when it cannot connect.
int RawConnect(std::uint16_t port);

/// Reads one JSON string member's value from a flat answer (enough for "code", "detail" in tests).
std::string JsonMember(const std::string& json, const std::string& name);

/// The `ids` array of a 201/202 answer.
std::vector<std::string> AcceptedIds(const std::string& json);

/// An `Authorization` value of HTTP Basic for a client id and secret, each form-encoded first (RFC 6749 §2.3.1).
std::string BasicCredentials(const std::string& client_id, const std::string& secret);

}  // namespace auditrail::test
