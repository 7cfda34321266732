// `auditrail clients` and `auditrail users` record their changes as audit events of the tenant.
#include <catch2/catch.hpp>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <support/pg_fixture.hpp>

namespace auditrail::test {
namespace {

/// Runs the auditrail tool with `arguments` (and `environment` prefixed) and returns its standard output.
std::string RunTool(const std::string& environment, const std::string& arguments) {
    const char* bin_dir = std::getenv("AUDITRAIL_BIN_DIR");
    REQUIRE(bin_dir != nullptr);
    const std::string command = environment + " '" + std::string(bin_dir) + "/auditrail' " + arguments +
                                " --database-url '" + DatabaseUrl() + "' 2>/dev/null";
    std::FILE* pipe = popen(command.c_str(), "r");
    REQUIRE(pipe != nullptr);
    std::string output;
    char buffer[4096];
    while (const auto read = std::fread(buffer, 1, sizeof(buffer), pipe)) output.append(buffer, read);
    REQUIRE(pclose(pipe) == 0);
    return output;
}

std::string ClientIdOf(const std::string& output) {
    const auto start = output.find("client_id:");
    REQUIRE(start != std::string::npos);
    const auto value = output.find_first_not_of(' ', start + 10);
    return output.substr(value, output.find('\n', value) - value);
}

}  // namespace

TEST_CASE("the CLI's client and user changes are audit events of their tenant", "[identity][pg]") {
    const auto tenant = UniqueTenant("cli");
    const auto created = RunTool("", "clients create --tenant " + tenant + " --name billing --scopes events:read");
    const auto client_id = ClientIdOf(created);
    RunTool("", "clients disable --client-id " + client_id);
    RunTool("AUDITRAIL_USER_PASSWORD='long enough password'",
            "users create --tenant " + tenant + " --email " + tenant + "@example.com --role analyst");

    auto db = Connect();
    const auto rows = db->Exec(
        "SELECT action, resource_type, resource_id, ingested_by, actor_type, message FROM events "
        "WHERE tenant = $1 AND category = 'auditrail' ORDER BY occurred_at, action",
        {tenant});
    REQUIRE(rows.Rows() == 3);
    CHECK(rows.Get(0, 0) == "client.created");
    CHECK(rows.Get(0, 1) == "client");
    CHECK(rows.Get(0, 2) == client_id);
    CHECK(rows.Get(1, 0) == "client.disabled");
    CHECK(rows.Get(1, 2) == client_id);
    CHECK(rows.Get(2, 0) == "user.created");
    CHECK(rows.Get(2, 1) == "user");
    for (int row = 0; row < rows.Rows(); ++row) {
        CHECK(rows.Get(row, 3) == "auditrail-cli");
        CHECK(rows.Get(row, 4) == "operator");
        // The secret is shown once to the operator and never stored in clear.
        CHECK(std::string(rows.Get(row, 5)).find("password") == std::string::npos);
    }
    const auto secret_start = created.find("client_secret:") + 14;
    const auto secret = created.substr(created.find_first_not_of(' ', secret_start),
                                       created.find('\n', secret_start) - created.find_first_not_of(' ', secret_start));
    REQUIRE(secret.size() >= 16);
    const auto leaked = db->Exec("SELECT count(*) FROM events WHERE tenant = $1 AND (message LIKE '%' || $2 || '%')",
                                 {tenant, secret});
    CHECK(leaked.GetInt(0, 0) == 0);
}

}  // namespace auditrail::test
