// Client secrets and passwords are kept only as Argon2id hashes (API.md §1), and neither they nor tokens
// reach the service log (OPERATIONS.md): the rows and the captured standard error are searched for them.
#include <openssl/evp.h>
#include <unistd.h>

#include <auditrail/common/log.hpp>
#include <auditrail/http/query_string.hpp>
#include <auditrail/identity/client_store.hpp>
#include <auditrail/identity/password_hash.hpp>
#include <auditrail/identity/user_store.hpp>
#include <catch2/catch.hpp>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <support/query_harness.hpp>
#include <vector>

namespace auditrail::test {
namespace {

const std::string kPassword = "correct horse battery";
const Headers kForm = {{"Content-Type", "application/x-www-form-urlencoded"}};

/// Redirects file descriptor 2 (where common::Log writes) into a file until Stop().
class StderrCapture {
  public:
    StderrCapture() : path_(std::filesystem::temp_directory_path() / ("auditrail-stderr-" + UniqueTenant("log"))) {
        std::fflush(stderr);
        saved_ = ::dup(STDERR_FILENO);
        std::FILE* file = std::fopen(path_.c_str(), "w");
        REQUIRE(file != nullptr);
        ::dup2(::fileno(file), STDERR_FILENO);
        std::fclose(file);
    }
    ~StderrCapture() {
        Stop();
        std::filesystem::remove(path_);
    }
    /// Restores standard error and answers what was written to it.
    std::string Stop() {
        if (saved_ >= 0) {
            std::fflush(stderr);
            ::dup2(saved_, STDERR_FILENO);
            ::close(saved_);
            saved_ = -1;
        }
        std::ifstream in(path_);
        std::stringstream text;
        text << in.rdbuf();
        return text.str();
    }

  private:
    std::filesystem::path path_;
    int saved_ = -1;
};

HttpResult PostUser(TestClient& client, const std::string& token, const std::string& email,
                    const std::string& password) {
    return client.Request("POST", "/v1/users",
                          R"({"email":")" + email + R"(","password":")" + password + R"(","role":"analyst"})",
                          {{"Authorization", "Bearer " + token}, {"Content-Type", "application/json"}});
}

/// The whole row as JSON text, every column in it.
std::string RowText(pg::Connection& db, const std::string& sql, const std::string& key) {
    const auto rows = db.Exec(sql, {key});
    REQUIRE(rows.Rows() == 1);
    return std::string(rows.Get(0, 0));
}

}  // namespace

TEST_CASE("client secrets and passwords are stored only as Argon2id hashes of themselves", "[identity][pg][secrets]") {
    auto db = Connect();
    const auto tenant = UniqueTenant("atrest");
    const auto made = identity::CreateClient(*db, tenant, "svc", "events:read");
    identity::CreateUser(*db, tenant, tenant + "-lib@example.com", kPassword, "owner");
    const std::string api_password = "another long password";
    {
        QueryHarness query;
        TestClient client(query.Port());
        const auto created =
            PostUser(client, TestToken(tenant, "admin health:read"), tenant + "-api@example.com", api_password);
        REQUIRE(created.status == 201);
    }

    const auto client_hash =
        db->Exec("SELECT secret_hash FROM service_clients WHERE client_id = $1", {made.client.client_id}).Get(0, 0);
    CHECK(std::string(client_hash).rfind("$argon2id$v=19$m=19456,t=2,p=1$", 0) == 0);
    CHECK(identity::VerifySecret(client_hash, made.secret));
    CHECK(RowText(*db, "SELECT row_to_json(c)::text FROM service_clients c WHERE client_id = $1", made.client.client_id)
              .find(made.secret) == std::string::npos);

    for (const auto& [email, password] : {std::pair{tenant + "-lib@example.com", kPassword},
                                          std::pair{tenant + "-api@example.com", api_password}}) {
        INFO(email);
        const auto hash = db->Exec("SELECT password_hash FROM users WHERE email = $1", {email}).Get(0, 0);
        CHECK(std::string(hash).rfind("$argon2id$v=19$m=19456,t=2,p=1$", 0) == 0);
        CHECK(identity::VerifySecret(hash, password));
        CHECK(RowText(*db, "SELECT row_to_json(u)::text FROM users u WHERE email = $1", email).find(password) ==
              std::string::npos);
    }
    // Two hashes of one secret differ: each has its own salt.
    CHECK(identity::HashSecret(kPassword) != identity::HashSecret(kPassword));
}

TEST_CASE("no secret, password, hash or token reaches the query service's log", "[identity][pg][secrets]") {
    auto db = Connect();
    const auto tenant = UniqueTenant("nolog");
    const auto made = identity::CreateClient(*db, tenant, "svc", "events:read");
    const std::string email = tenant + "@example.com";
    identity::CreateUser(*db, tenant, email, kPassword, "owner");
    const std::string new_password = "a password for the new user";
    const std::string wrong_secret = "wrong-secret-" + tenant;
    const std::string wrong_password = "wrong-password-" + tenant;
    const std::string forged = TestToken(tenant, "admin") + "tampered";
    std::string access_token;
    std::string session;

    StderrCapture capture;
    common::SetLogLevel(common::LogLevel::kDebug);
    {
        QueryHarness query([](query::QueryConfig& config) { config.identity.address_failures = 1000; });
        TestClient client(query.Port());
        const auto basic = Headers{kForm[0], {"Authorization", BasicCredentials(made.client.client_id, made.secret)}};
        const auto granted = client.Request("POST", "/v1/oauth/token", "grant_type=client_credentials", basic);
        access_token = JsonMember(granted.body, "access_token");
        client.Request("POST", "/v1/oauth/token",
                       "grant_type=client_credentials&client_id=" + made.client.client_id +
                           "&client_secret=" + http::PercentEncode(wrong_secret),
                       kForm);
        client.Request("POST", "/login", "email=" + http::PercentEncode(email) + "&password=" + wrong_password, kForm);
        const std::string cookie = SignInCookie(client, email, kPassword);
        session = cookie.substr(cookie.find('=') + 1);
        PostUser(client, access_token, tenant + "-new@example.com", new_password);  // 403: events:read only
        PostUser(client, TestToken(tenant, "admin health:read"), tenant + "-new@example.com", new_password);
        Get(client, forged, "/v1/events");
        Get(client, access_token, "/v1/events?access_token=" + access_token);
    }
    common::SetLogLevel(common::LogLevel::kInfo);
    const std::string log = capture.Stop();

    REQUIRE(!access_token.empty());
    REQUIRE(!session.empty());
    // The capture worked: the service's own lines are in it.
    REQUIRE(log.find("query service listening") != std::string::npos);
    for (const auto& [what, secret] : std::vector<std::pair<std::string, std::string>>{
             {"client secret", made.secret},
             {"wrong client secret", wrong_secret},
             {"password", kPassword},
             {"wrong password", wrong_password},
             {"new user's password", new_password},
             {"access token", access_token},
             {"session token", session},
             {"forged token", forged},
             {"a hash", "$argon2id$"}}) {
        INFO(what);
        CHECK(log.find(secret) == std::string::npos);
    }
}

}  // namespace auditrail::test
