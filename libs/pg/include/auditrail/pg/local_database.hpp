#pragma once

#include <string>

namespace auditrail::pg {

/// The developer cluster that scripts/run starts: postgresql://auditrail@127.0.0.1:$AUDITRAIL_PG_PORT/auditrail
/// (port 55432 when the variable is unset). The default of every --database-url.
std::string LocalDatabaseUrl();

}  // namespace auditrail::pg
