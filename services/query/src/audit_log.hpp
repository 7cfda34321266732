#pragma once

// The query service records sign-ins, token grants and user changes with the ingest write path's audit
// writer (services/ingest/src/audit_events.hpp), as the CLI records client and user changes.
#include <src/audit_events.hpp>

namespace auditrail::query {

using ingest::AuditEntry;
using ingest::AuditLog;

}  // namespace auditrail::query
