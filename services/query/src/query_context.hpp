#pragma once

#include <auditrail/health/settings.hpp>
#include <auditrail/http/authenticate.hpp>
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
class PageBudget;

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
    /// A person's token as the database sees it now (CurrentSession, session_state.hpp): every API route and page
    /// passes its verified token through it; another token passes as it is. Throws HttpError 503 when the database
    /// cannot tell. Empty: tokens are taken as they are.
    http::SessionCheck session_check = {};
    /// Writes the events people record (the event form) and waits for their commit; null: not available.
    EventRecorder* recorder = nullptr;
    /// Bounds the memory of search pages being built or sent; null: unbounded (only where no server runs).
    PageBudget* page_budget = nullptr;
};

}  // namespace auditrail::query
