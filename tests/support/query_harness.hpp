#pragma once

#include <functional>
#include <memory>
#include <src/query_config.hpp>
#include <src/query_service.hpp>

#include "pg_fixture.hpp"
#include "test_client.hpp"

namespace auditrail::test {

/// The query service in-process on a free port, against the test database, configured for tests.
class QueryHarness {
public:
    explicit QueryHarness(const std::function<void(query::QueryConfig&)>& adjust = {});
    ~QueryHarness();

    std::uint16_t Port() const { return service_->Port(); }
    query::QueryService& Service() { return *service_; }

private:
    std::unique_ptr<query::QueryService> service_;
};

/// A GET with a bearer token.
HttpResult Get(TestClient& client, const std::string& token, const std::string& target);

/// Signs in through POST /login (which must answer 303) and answers the session's `Cookie` header value.
std::string SignInCookie(TestClient& client, const std::string& email, const std::string& password);

}  // namespace auditrail::test
