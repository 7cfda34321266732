// API.md §1's role table, end to end: each role signs in through POST /login, and its session token is
// tried on every route family of both services. Allowed routes answer their own status, refused ones 403.
#include <algorithm>
#include <auditrail/identity/user_store.hpp>
#include <catch2/catch.hpp>
#include <chrono>
#include <map>
#include <string>
#include <support/ingest_harness.hpp>
#include <support/query_harness.hpp>
#include <thread>
#include <vector>

namespace auditrail::test {
namespace {

const std::string kPassword = "correct horse battery";

enum class Service { kQuery, kIngest };
enum class Credential { kBearer, kCookie };

struct Route {
    std::string family;  ///< what the row stands for in API.md
    Service service;
    std::string method;
    std::string target;
    Credential credential;
    int allowed_status;  ///< the answer when the role may use the route
};

/// Every route family, with a request whose answer is known when the scope is there.
const std::vector<Route>& Routes() {
    static const std::vector<Route> routes{
        {"events search", Service::kQuery, "GET", "/v1/events", Credential::kBearer, 200},
        {"audit log (category auditrail)", Service::kQuery, "GET", "/v1/events?category=auditrail",
         Credential::kBearer, 200},
        {"one event", Service::kQuery, "GET", "/v1/events/01936f6e-3f4a-7c8e-9d2b-5a1f0c3e7b21", Credential::kBearer,
         404},
        {"event types", Service::kQuery, "GET", "/v1/event-types", Credential::kBearer, 200},
        {"export", Service::kQuery, "GET", "/v1/events/export?format=ndjson", Credential::kBearer, 200},
        {"at-risk customers", Service::kQuery, "GET", "/v1/customers/at-risk", Credential::kBearer, 200},
        {"customer health", Service::kQuery, "GET", "/v1/customers/5001/health", Credential::kBearer, 404},
        {"customer", Service::kQuery, "GET", "/v1/customers/5001", Credential::kBearer, 404},
        {"list users", Service::kQuery, "GET", "/v1/users", Credential::kBearer, 200},
        {"create user", Service::kQuery, "POST", "/v1/users", Credential::kBearer, 400},  // {} is invalid
        {"ingest", Service::kIngest, "POST", "/v1/events", Credential::kBearer, 201},
        {"dashboard page", Service::kQuery, "GET", "/dashboard", Credential::kCookie, 200},
        {"users page", Service::kQuery, "GET", "/users", Credential::kCookie, 200},
    };
    return routes;
}

/// API.md §1: which route families each role reaches (owner all; admin all but writing; analyst health;
/// content_creator nothing).
const std::map<std::string, std::vector<std::string>>& Allowed() {
    static const std::map<std::string, std::vector<std::string>> allowed{
        {"owner",
         {"events search", "audit log (category auditrail)", "one event", "event types", "export",
          "at-risk customers", "customer health", "customer", "list users", "create user", "ingest",
          "dashboard page", "users page"}},
        {"admin",
         {"events search", "audit log (category auditrail)", "one event", "event types", "export",
          "at-risk customers", "customer health", "customer", "list users", "create user", "dashboard page",
          "users page"}},
        {"analyst", {"at-risk customers", "customer health", "customer", "dashboard page"}},
        {"content_creator", {}},
    };
    return allowed;
}

bool Contains(const std::vector<std::string>& list, const std::string& item) {
    return std::find(list.begin(), list.end(), item) != list.end();
}

}  // namespace

TEST_CASE("every role reaches exactly the route families of API.md's role table", "[identity][pg][roles]") {
    // A typo in the allowed lists would make a row silently expect 403: each must name a route of the table.
    for (const auto& [role, allowed] : Allowed()) {
        for (const auto& family : allowed) {
            INFO(role << ": " << family);
            REQUIRE(std::any_of(Routes().begin(), Routes().end(), [&](const Route& r) { return r.family == family; }));
        }
    }
    auto db = Connect();
    const auto tenant = UniqueTenant("roles");
    QueryHarness query([](query::QueryConfig& config) { config.identity.address_failures = 1000; });
    IngestHarness ingest;
    ingest.WaitReady();
    TestClient query_client(query.Port());
    TestClient ingest_client(ingest.Port());

    for (const auto& [role, allowed] : Allowed()) {
        const std::string email = tenant + "-" + role + "@example.com";
        identity::CreateUser(*db, tenant, email, kPassword, role);
        const std::string cookie = SignInCookie(query_client, email, kPassword);
        const std::string session_token = cookie.substr(cookie.find('=') + 1);
        for (const auto& route : Routes()) {
            INFO(role << " → " << route.family << ": " << route.method << " " << route.target);
            Headers headers;
            if (route.credential == Credential::kBearer) {
                headers.emplace_back("Authorization", "Bearer " + session_token);
            } else {
                headers.emplace_back("Cookie", cookie);
            }
            std::string body;
            if (route.method == "POST") {
                headers.emplace_back("Content-Type", "application/json");
                body = route.service == Service::kIngest ? R"({"action":"role.check"})" : "{}";
            }
            TestClient& client = route.service == Service::kQuery ? query_client : ingest_client;
            auto answer = client.Request(route.method, route.target, body, headers);
            // The ingest service learns of a person created since its last reload of people (every 2 s); until
            // then it answers 503 with Retry-After.
            for (int wait = 0; wait < 40 && route.service == Service::kIngest && answer.status == 503; ++wait) {
                std::this_thread::sleep_for(std::chrono::milliseconds(100));
                answer = client.Request(route.method, route.target, body, headers);
            }
            if (Contains(allowed, route.family)) {
                CHECK(answer.status == route.allowed_status);
            } else {
                CHECK(answer.status == 403);
                if (route.credential == Credential::kBearer) {
                    CHECK(answer.Header("www-authenticate").find("error=\"insufficient_scope\"") != std::string::npos);
                }
            }
        }
    }
}

}  // namespace auditrail::test
