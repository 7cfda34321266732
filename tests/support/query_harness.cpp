#include "query_harness.hpp"

#include <auditrail/http/query_string.hpp>
#include <catch2/catch.hpp>

namespace auditrail::test {

QueryHarness::QueryHarness(const std::function<void(query::QueryConfig&)>& adjust) {
    Connect();  // migrates once per process
    query::QueryConfig config;
    config.server.listen = "127.0.0.1:0";
    config.server.io_threads = 2;
    config.server.worker_threads = 4;
    config.server.handler_timeout = std::chrono::milliseconds(10000);
    config.jwt.hs256_secret = kTestSecret;
    config.database_url = DatabaseUrl();
    config.pool_size = 4;
    if (adjust) adjust(config);
    service_ = std::make_unique<query::QueryService>(std::move(config));
    service_->Start();
}

QueryHarness::~QueryHarness() { service_->Shutdown(); }

HttpResult Get(TestClient& client, const std::string& token, const std::string& target) {
    return client.Request("GET", target, {}, {{"Authorization", "Bearer " + token}});
}

std::string SignInCookie(TestClient& client, const std::string& email, const std::string& password) {
    const auto signed_in =
        client.Request("POST", "/login", "email=" + http::PercentEncode(email) + "&password=" + http::PercentEncode(password),
                       {{"Content-Type", "application/x-www-form-urlencoded"}});
    REQUIRE(signed_in.status == 303);
    const auto cookie = signed_in.Header("set-cookie");
    return cookie.substr(0, cookie.find(';'));
}

}  // namespace auditrail::test
