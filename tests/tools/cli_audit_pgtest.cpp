// `auditrail clients` and `auditrail users`: what they print, what they store, and their changes recorded as
// audit events of the tenant; and what `auditrail token` refuses.
#include <catch2/catch.hpp>
#include <algorithm>
#include <cstdio>
#include <sys/wait.h>

#include <auditrail/identity/password_hash.hpp>
#include <auditrail/identity/user_store.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <support/pg_fixture.hpp>

namespace auditrail::test {
namespace {

struct ToolRun {
    int status = -1;
    std::string out;
    std::string err;
};

/// Runs the auditrail tool with `arguments` (and `environment` prefixed; the test database's URL added unless
/// `with_database` is false): its exit status, standard output and standard error.
ToolRun Run(const std::string& environment, const std::string& arguments, bool with_database = true) {
    const char* bin_dir = std::getenv("AUDITRAIL_BIN_DIR");
    REQUIRE(bin_dir != nullptr);
    const auto err_path = std::filesystem::temp_directory_path() / ("auditrail-cli-err-" + UniqueTenant("e"));
    const std::string database = with_database ? " --database-url '" + DatabaseUrl() + "'" : "";
    const std::string command = environment + " '" + std::string(bin_dir) + "/auditrail' " + arguments + database +
                                " 2>'" + err_path.string() + "'";
    std::FILE* pipe = popen(command.c_str(), "r");
    REQUIRE(pipe != nullptr);
    ToolRun run;
    char buffer[4096];
    while (const auto read = std::fread(buffer, 1, sizeof(buffer), pipe)) run.out.append(buffer, read);
    const int status = pclose(pipe);
    run.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    std::ifstream err(err_path);
    std::stringstream text;
    text << err.rdbuf();
    run.err = text.str();
    std::filesystem::remove(err_path);
    return run;
}

/// Runs the tool, which must succeed, and returns its standard output.
std::string RunTool(const std::string& environment, const std::string& arguments) {
    const auto run = Run(environment, arguments);
    INFO(run.err);
    REQUIRE(run.status == 0);
    return run.out;
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
    RunTool("", "users deactivate --email " + tenant + "@example.com");
    RunTool("", "users deactivate --email " + tenant + "@example.com");  // already inactive: no second event

    auto db = Connect();
    const auto rows = db->Exec(
        "SELECT action, resource_type, resource_id, ingested_by, actor_type, message FROM events "
        "WHERE tenant = $1 AND category = 'auditrail' ORDER BY occurred_at, action",
        {tenant});
    REQUIRE(rows.Rows() == 4);
    CHECK(rows.Get(0, 0) == "client.created");
    CHECK(rows.Get(0, 1) == "client");
    CHECK(rows.Get(0, 2) == client_id);
    CHECK(rows.Get(1, 0) == "client.disabled");
    CHECK(rows.Get(1, 2) == client_id);
    CHECK(rows.Get(2, 0) == "user.created");
    CHECK(rows.Get(2, 1) == "user");
    CHECK(rows.Get(3, 0) == "user.deactivated");
    CHECK(rows.Get(3, 2) == rows.Get(2, 2));
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

TEST_CASE("the CLI creates, lists and disables clients and creates, lists and deactivates users, never printing a "
          "hash",
          "[identity][pg][cli]") {
    const auto tenant = UniqueTenant("clilist");
    const auto other = UniqueTenant("clilist-other");
    const std::string password = "long enough password";
    const auto created = Run("", "clients create --tenant " + tenant + " --name billing --scopes 'events:write events:read'");
    REQUIRE(created.status == 0);
    const auto client_id = ClientIdOf(created.out);
    const auto other_id = ClientIdOf(RunTool("", "clients create --tenant " + other + " --name other --scopes events:read"));

    const auto listed = RunTool("", "clients list --tenant " + tenant);
    CHECK(listed.find(client_id + "  " + tenant + "  billing  [events:write events:read]") != std::string::npos);
    CHECK(listed.find("disabled") == std::string::npos);
    CHECK(listed.find(other_id) == std::string::npos);
    CHECK(listed.find("argon2") == std::string::npos);
    CHECK(RunTool("", "clients list").find(other_id) != std::string::npos);  // without --tenant: every tenant

    RunTool("", "clients disable --client-id " + client_id);
    CHECK(RunTool("", "clients list --tenant " + tenant).find("[events:write events:read]  disabled") !=
          std::string::npos);
    const auto unknown = Run("", "clients disable --client-id cl_no_such_client");
    CHECK(unknown.status == 1);
    CHECK(unknown.err.find("no client cl_no_such_client") != std::string::npos);

    const auto user = Run("AUDITRAIL_USER_PASSWORD='" + password + "'",
                          "users create --tenant " + tenant + " --email " + tenant + "@example.com --role admin");
    REQUIRE(user.status == 0);
    CHECK(user.out.find(tenant + "@example.com  admin") != std::string::npos);
    const auto users = RunTool("", "users list --tenant " + tenant);
    CHECK(users.find(tenant + "@example.com  admin") != std::string::npos);
    CHECK(users.find("argon2") == std::string::npos);
    CHECK(RunTool("", "users list --tenant " + other).find(tenant + "@example.com") == std::string::npos);
    auto db = Connect();
    const auto stored = identity::FindUserByEmail(*db, tenant + "@example.com");
    REQUIRE(stored);
    CHECK(stored->tenant == tenant);
    CHECK(stored->password_hash.rfind("$argon2id$", 0) == 0);

    // A password piped in from a file with CRLF line ends is the line without its CR.
    const auto piped =
        Run("printf '" + password + "\\r\\n' |",
            "users create --tenant " + tenant + " --email crlf-" + tenant + "@example.com --role analyst");
    REQUIRE(piped.status == 0);
    const auto crlf = identity::FindUserByEmail(*db, "crlf-" + tenant + "@example.com");
    REQUIRE(crlf);
    CHECK(identity::VerifySecret(crlf->password_hash, password));

    // A bad role is refused, and nothing is created.
    const auto bad = Run("AUDITRAIL_USER_PASSWORD='" + password + "'",
                         "users create --tenant " + tenant + " --email x-" + tenant + "@example.com --role king");
    CHECK(bad.status == 2);  // a refused value is a usage error, as a bad flag is
    CHECK(bad.err.find("role must be") != std::string::npos);
    CHECK_FALSE(identity::FindUserByEmail(*db, "x-" + tenant + "@example.com"));
    const auto no_tenant = Run("", "users list");
    CHECK(no_tenant.status == 2);
    CHECK(no_tenant.err.find("--tenant") != std::string::npos);

    // Deactivation, by email in any case; an unknown email is an error.
    const auto deactivated = Run("", "users deactivate --email " + tenant + "@EXAMPLE.com");
    CHECK(deactivated.status == 0);
    CHECK(deactivated.out.find("deactivated " + stored->id) != std::string::npos);
    CHECK_FALSE(identity::FindUserByEmail(*db, tenant + "@example.com")->active);
    CHECK(RunTool("", "users list --tenant " + tenant).find(tenant + "@example.com  admin  inactive") !=
          std::string::npos);
    const auto again = Run("", "users deactivate --email " + tenant + "@example.com");
    CHECK(again.status == 0);
    CHECK(again.out.find("already inactive") != std::string::npos);
    const auto elsewhere = Run("", "users deactivate --email " + tenant + "@example.com --tenant " + other);
    CHECK(elsewhere.status == 1);
    CHECK(elsewhere.err.find("in tenant " + other) != std::string::npos);
    const auto nobody = Run("", "users deactivate --email nobody-" + tenant + "@example.com");
    CHECK(nobody.status == 1);
    CHECK(nobody.err.find("no user nobody-" + tenant + "@example.com") != std::string::npos);
    CHECK(Run("", "users retire").status == 2);

    // The secret and the password are printed to no one but the operator's standard output, once.
    const auto secret_start = created.out.find("client_secret:") + 14;
    const auto secret = created.out.substr(created.out.find_first_not_of(' ', secret_start),
                                           created.out.find('\n', secret_start) -
                                               created.out.find_first_not_of(' ', secret_start));
    for (const auto& run : {created, user, unknown, bad}) {
        CHECK(run.err.find(secret) == std::string::npos);
        CHECK(run.err.find(password) == std::string::npos);
        CHECK(run.err.find("argon2") == std::string::npos);
    }
    CHECK(user.out.find(password) == std::string::npos);
}

TEST_CASE("auditrail token refuses a scope no route knows instead of minting a useless token", "[cli]") {
    for (const std::string scope : {"events:wirte", "events:read events:read", ""}) {
        CAPTURE(scope);
        const auto run = Run("AUDITRAIL_JWT_SECRET=cli-secret-of-at-least-32-bytes-0123", "token --tenant acme --scope '" + scope + "'", false);
        CHECK(run.status == 2);
        CHECK(run.out.empty());
        CHECK(run.err.find("--scope") != std::string::npos);
    }
    const auto weak = Run("AUDITRAIL_JWT_SECRET=cli-secret", "token --tenant acme", false);
    CHECK(weak.status == 2);
    CHECK(weak.err.find("needs at least 32") != std::string::npos);
    const auto nameless = Run("AUDITRAIL_JWT_SECRET=cli-secret-of-at-least-32-bytes-0123", "token --tenant acme --sub ''", false);
    CHECK(nameless.status == 2);
    CHECK(nameless.err.find("--sub") != std::string::npos);
    const auto minted = Run("AUDITRAIL_JWT_SECRET=cli-secret-of-at-least-32-bytes-0123", "token --tenant acme --scope ' events:read  admin'", false);
    CHECK(minted.status == 0);
    CHECK(std::count(minted.out.begin(), minted.out.end(), '.') == 2);  // one JWT: header.payload.signature
}

}  // namespace auditrail::test
