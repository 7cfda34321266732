#pragma once

// libpq waits for a server's answer without a timeout: a server that accepts the connection but stops answering
// (a frozen host, a half-dead proxy) blocks the caller for ever, and no statement_timeout can help, since the
// server is what would enforce it. A connection with an answer deadline registers each blocking call here; one
// process-wide thread shuts the socket of a call past its deadline down, so that libpq sees the connection end
// and the caller gets a ConnectionError.

#include <atomic>
#include <chrono>

namespace auditrail::pg::detail {

/// Watches one blocking call on socket `fd` for as long as it lives; sets `ended` when it shuts the socket down.
/// Does nothing when `limit` is 0.
class StallGuard {
public:
    StallGuard(int fd, std::chrono::milliseconds limit, std::atomic<bool>& ended);
    ~StallGuard();
    StallGuard(const StallGuard&) = delete;
    StallGuard& operator=(const StallGuard&) = delete;

private:
    bool watched_ = false;
};

}  // namespace auditrail::pg::detail
