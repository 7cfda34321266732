#pragma once

#include <auditrail/health/settings.hpp>
#include <chrono>

#include "cursor.hpp"
#include "export_writers.hpp"
#include "identity_settings.hpp"

namespace auditrail::auth {
class JwtVerifier;
}
namespace auditrail::common {
class MetricsRegistry;
}
namespace auditrail::pg {
class Pool;
}

namespace auditrail::ingest {
class AuditLog;
}

namespace auditrail::query {

using ingest::AuditLog;
class EventRecorder;

/// What the handlers share; owned by QueryService, outliving every request.
struct QueryContext {
    const auth::JwtVerifier& verifier;
    pg::Pool& pool;
    const CursorCodec& cursors;
    common::MetricsRegistry& metrics;
    XlsxSettings xlsx;
    /// The statement timeout of search queries (exports run without one); also set on every connection.
    std::chrono::milliseconds statement_timeout{25000};
    /// The token endpoint's and sign-in's settings, with the signing key.
    IdentitySettings identity = {};
    /// Where sign-ins, token grants and user changes are recorded; null: not recorded.
    AuditLog* audit = nullptr;
    /// Weights, targets and band edges of the health model (HEALTH.md).
    health::HealthSettings health = {};
    /// Writes the events people record (the event form) and waits for their commit; null: not available.
    EventRecorder* recorder = nullptr;
};

}  // namespace auditrail::query
