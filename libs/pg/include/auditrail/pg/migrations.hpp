#pragma once

#include <string>
#include <vector>

namespace auditrail::pg {

class Connection;

/// The numbered SQL files of libs/pg/migrations, compiled into the binary.
struct Migration {
    int version;
    std::string name;
    std::string sql;
};
const std::vector<Migration>& Migrations();

/// Applies every migration not yet recorded in `schema_migrations`, each in its own transaction, under
/// an advisory lock so that concurrent starters apply each once. Returns how many were applied.
int ApplyMigrations(Connection& connection);

}  // namespace auditrail::pg
