#pragma once

#include "periodic_task.hpp"

#include <auditrail/auth/claims.hpp>
#include <auditrail/pg/connection.hpp>

#include <chrono>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

namespace auditrail::ingest {

/// People's sessions as the ingest service sees them, so that a person's token (its `sub` a user's id, from POST
/// /login) is judged as the query service judges it, without a database round trip on the request path: refused
/// once signed out, or when the person is deactivated, deleted or in another tenant, and given the scopes of the
/// person's current role. The users and the signed-out sessions are reloaded every `interval`, so a change reaches
/// this service within one interval. A token of a person not known yet, issued after the users were last read (by
/// the database's clock, give or take 5 s), gets 503 with Retry-After (a person created since); an older one, or one
/// without `iat`, is refused. Service tokens are taken as their signature says.
class PersonSessions {
public:
    PersonSessions(std::string database_url, std::chrono::milliseconds interval);
    ~PersonSessions();
    PersonSessions(const PersonSessions&) = delete;
    PersonSessions& operator=(const PersonSessions&) = delete;

    /// Loads the first view (a failure is logged, and retried at the next interval) and keeps it current.
    void Start();
    void Stop();

    /// As http::SessionCheck: nullopt when the person's session is over.
    /// @throws http::HttpError 503 when no view younger than a few intervals is loaded (fails closed).
    std::optional<auth::Claims> Check(auth::Claims claims) const;

private:
    struct View;
    void Reload();

    std::string database_url_;
    std::chrono::milliseconds interval_;
    mutable std::mutex mutex_;
    std::shared_ptr<const View> view_;  // guarded by mutex_; replaced whole at each reload
    pg::ConnectionPtr connection_;       // the reloads' own; only Start and the reloader touch it, one at a time
    PeriodicTask reloader_;
};

}  // namespace auditrail::ingest
