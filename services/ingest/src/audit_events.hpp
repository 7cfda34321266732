#pragma once

#include <memory>
#include <optional>
#include <string>

namespace auditrail::common {
class MetricsRegistry;
}

namespace auditrail::ingest {

/// One thing that happened to a tenant's identities, recorded as an event of category `auditrail`.
struct AuditEntry {
    std::string tenant;
    std::string action;  ///< auth.login, auth.login_failed, oauth.token_granted, user.created, client.created, …
    std::string outcome = "success";
    // {}: designated initializers may leave these out without -Wextra's warning.
    std::string actor_id{};    ///< the user id, client id or (failed sign-in) the email given
    std::string actor_type{};  ///< user or client
    std::string actor_ip{};    ///< the source address ("" when unknown)
    std::optional<std::string> resource_type;
    std::optional<std::string> resource_id;
    std::string message;
};

/// Writes audit events through the ingest write path (its queue and one batch writer, so partitions, COPY
/// and the dedup rules are the same), `ingested_by` = the recording program (auditrail-query, auditrail-cli).
/// Recording never blocks a request: when the queue is full the entry is dropped with a warning.
class AuditLog {
  public:
    AuditLog(const std::string& database_url, common::MetricsRegistry& metrics, std::string ingested_by);
    ~AuditLog();
    AuditLog(const AuditLog&) = delete;
    AuditLog& operator=(const AuditLog&) = delete;

    void Record(const AuditEntry& entry);

    /// Writes what is queued and stops the writer; later entries are dropped. Idempotent.
    void Drain();

  private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace auditrail::ingest
