#include <auditrail/pg/connection.hpp>
#include <auditrail/pg/migrations.hpp>

namespace auditrail::pg {
namespace {

constexpr std::string_view kCreateLedger =
    "CREATE TABLE IF NOT EXISTS schema_migrations ("
    " version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())";
/// One lock id for everyone who migrates this database.
constexpr std::string_view kLock = "SELECT pg_advisory_lock(hashtext('auditrail.migrations'))";
constexpr std::string_view kUnlock = "SELECT pg_advisory_unlock(hashtext('auditrail.migrations'))";

}  // namespace

int ApplyMigrations(Connection& connection) {
    connection.Exec(kLock);
    int applied = 0;
    try {
        connection.Exec(kCreateLedger);
        for (const auto& migration : Migrations()) {
            const auto done = connection.Exec("SELECT 1 FROM schema_migrations WHERE version = $1",
                                              {std::to_string(migration.version)});
            if (done.Rows() > 0) continue;
            connection.Exec("BEGIN");
            try {
                connection.Exec(migration.sql);
                connection.Exec("INSERT INTO schema_migrations (version, name) VALUES ($1, $2)",
                                {std::to_string(migration.version), migration.name});
                connection.Exec("COMMIT");
            } catch (...) {
                if (!connection.IsBroken()) connection.Exec("ROLLBACK");
                throw;
            }
            ++applied;
        }
    } catch (...) {
        if (!connection.IsBroken()) connection.Exec(kUnlock);
        throw;
    }
    connection.Exec(kUnlock);
    return applied;
}

}  // namespace auditrail::pg
