#pragma once

#include <chrono>

#include "cursor.hpp"
#include "export_writers.hpp"

namespace auditrail::auth {
class JwtVerifier;
}
namespace auditrail::common {
class MetricsRegistry;
}
namespace auditrail::pg {
class Pool;
}

namespace auditrail::query {

/// What the handlers share; owned by QueryService, outliving every request.
struct QueryContext {
    const auth::JwtVerifier& verifier;
    pg::Pool& pool;
    const CursorCodec& cursors;
    common::MetricsRegistry& metrics;
    XlsxSettings xlsx;
    /// The statement timeout of search queries (exports run without one); also set on every connection.
    std::chrono::milliseconds statement_timeout{25000};
};

}  // namespace auditrail::query
