#pragma once

#include <auditrail/pg/connection.hpp>
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace auditrail::pg {

struct PoolSettings {
    /// libpq connection string or URI.
    std::string dsn;
    /// Connections open at most (idle plus leased).
    std::size_t max_size = 8;
    /// How long Acquire waits for a free connection before giving up.
    std::chrono::milliseconds acquire_timeout{5000};
    /// Statements run once on every new connection (e.g. `SET statement_timeout = 25000`); may be empty.
    std::string session_sql;
    /// Every lease's connection gives up on an unanswered call after this long (Connection::SetAnswerDeadline),
    /// reset to this at each Acquire; 0: no limit. Set it above statement_timeout.
    std::chrono::milliseconds answer_deadline{0};
};

/// Acquire gave up waiting for a free connection: the service is overloaded (503).
struct PoolTimeout : ConnectionError {
    using ConnectionError::ConnectionError;
};

/// A bounded pool of connections. Acquire blocks (up to the timeout) when all are leased; connections come
/// back when their lease ends, unless they are broken or still inside a transaction or COPY, in which case
/// they are closed and a fresh one is opened on demand. Thread-safe.
class Pool {
public:
    class Lease;

    explicit Pool(PoolSettings settings);
    ~Pool();
    Pool(const Pool&) = delete;
    Pool& operator=(const Pool&) = delete;

    /// An idle connection, or a new one while fewer than `max_size` are open.
    /// @throws PoolTimeout when none became free in time; ConnectionError when a new one cannot connect.
    Lease Acquire();

    /// Connections open at most (PoolSettings::max_size).
    std::size_t MaxSize() const { return settings_.max_size; }
    std::size_t OpenConnections() const;
    std::size_t IdleConnections() const;

private:
    void Release(ConnectionPtr connection, bool discard);

    PoolSettings settings_;
    mutable std::mutex mutex_;
    std::condition_variable available_;
    std::vector<ConnectionPtr> idle_;
    std::size_t open_ = 0;
};

/// One connection on loan from a Pool; returned when the lease is destroyed. Movable, not copyable.
class Pool::Lease {
public:
    Lease() = default;
    Lease(Lease&& other) noexcept;
    Lease& operator=(Lease&& other) noexcept;
    ~Lease();

    Connection& operator*() const { return *connection_; }
    Connection* operator->() const { return connection_.get(); }
    explicit operator bool() const { return connection_ != nullptr; }

    /// Closes the connection instead of returning it (its state is unknown, e.g. after a cancelled COPY).
    void Discard() { discard_ = true; }
    /// Returns the connection now.
    void Reset();

private:
    friend class Pool;
    Lease(Pool* pool, ConnectionPtr connection) : pool_(pool), connection_(std::move(connection)) {}

    Pool* pool_ = nullptr;
    ConnectionPtr connection_;
    bool discard_ = false;
};

using PoolPtr = std::unique_ptr<Pool>;

}  // namespace auditrail::pg
