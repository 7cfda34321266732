#include <auditrail/pg/local_database.hpp>

#include <cstdlib>

namespace auditrail::pg {

std::string LocalDatabaseUrl() {
    const char* port = std::getenv("AUDITRAIL_PG_PORT");
    return std::string("postgresql://auditrail@127.0.0.1:") + (port && *port ? port : "55432") + "/auditrail";
}

}  // namespace auditrail::pg
