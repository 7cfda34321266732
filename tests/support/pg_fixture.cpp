#include "pg_fixture.hpp"

#include <auditrail/auth/token_signer.hpp>
#include <auditrail/pg/migrations.hpp>

#include <cstdlib>
#include <mutex>
#include <random>
#include <stdexcept>

namespace auditrail::test {
namespace {

std::string Env(const char* name) {
    const char* value = std::getenv(name);
    if (!value || !*value) throw std::runtime_error(std::string(name) + " is not set: run the suite through scripts/test");
    return value;
}

void RunPgScript(const std::string& command) {
    const std::string line = Env("AUDITRAIL_TEST_PG_SCRIPT") + " " + command + " " + Env("AUDITRAIL_TEST_PGDATA") +
                             (command == "start" ? std::string(" ").append(Env("AUDITRAIL_TEST_PG_PORT")) : "") + " >/dev/null";
    if (std::system(line.c_str()) != 0) throw std::runtime_error("failed: " + line);
}

}  // namespace

const std::string& DatabaseUrl() {
    static const std::string url = Env("AUDITRAIL_TEST_DATABASE_URL");
    return url;
}

std::unique_ptr<pg::Connection> Connect() {
    static std::once_flag migrated;
    auto connection = std::make_unique<pg::Connection>(DatabaseUrl());
    std::call_once(migrated, [&] { pg::ApplyMigrations(*connection); });
    return connection;
}

std::string UniqueTenant(const std::string& prefix) {
    static std::mt19937_64 random{std::random_device{}()};
    static std::mutex mutex;
    std::lock_guard lock(mutex);
    return "t-" + prefix + "-" + std::to_string(random() % 100000000000ULL);
}

void StopDatabase() { RunPgScript("stop"); }
void StartDatabase() { RunPgScript("start"); }

std::string TestToken(const std::string& tenant, const std::string& scope, const std::string& sub) {
    auth::TokenRequest request;
    request.tenant = tenant;
    request.scope = scope;
    request.sub = sub;
    return auth::SignHs256(request, kTestSecret);
}

std::vector<std::string> RowLines(const pg::Result& rows) {
    std::vector<std::string> lines;
    for (int row = 0; row < rows.Rows(); ++row) {
        std::string line;
        for (int column = 0; column < rows.Columns(); ++column) {
            line += (rows.IsNull(row, column) ? std::string("∅") : std::string(rows.Get(row, column))) + "|";
        }
        lines.push_back(std::move(line));
    }
    return lines;
}

}  // namespace auditrail::test
