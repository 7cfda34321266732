#include <libpq-fe.h>

#include <auditrail/pg/errors.hpp>
#include <auditrail/pg/pool.hpp>

namespace auditrail::pg {

Pool::Pool(PoolSettings settings) : settings_(std::move(settings)) {
    if (settings_.max_size == 0) settings_.max_size = 1;
}

Pool::~Pool() = default;

Pool::Lease Pool::Acquire() {
    std::unique_lock lock(mutex_);
    const auto deadline = std::chrono::steady_clock::now() + settings_.acquire_timeout;
    for (;;) {
        if (!idle_.empty()) {
            ConnectionPtr connection = std::move(idle_.back());
            idle_.pop_back();
            // A lease may have changed it (an export's longer wait); the next one starts from the pool's.
            connection->SetAnswerDeadline(settings_.answer_deadline);
            return Lease(this, std::move(connection));
        }
        if (open_ < settings_.max_size) break;
        if (available_.wait_until(lock, deadline) == std::cv_status::timeout && idle_.empty() &&
            open_ >= settings_.max_size) {
            throw PoolTimeout("no database connection became free within " +
                              std::to_string(settings_.acquire_timeout.count()) + " ms");
        }
    }
    // Connect outside the lock, holding a reserved slot.
    ++open_;
    lock.unlock();
    try {
        auto connection = std::make_unique<Connection>(settings_.dsn);
        connection->SetAnswerDeadline(settings_.answer_deadline);
        if (!settings_.session_sql.empty()) connection->Exec(settings_.session_sql);
        return Lease(this, std::move(connection));
    } catch (...) {
        lock.lock();
        --open_;
        available_.notify_one();
        throw;
    }
}

void Pool::Release(ConnectionPtr connection, bool discard) {
    // A connection is only reusable when idle outside any transaction: anything else (broken, mid-COPY,
    // an open or failed transaction) is closed rather than repaired.
    const bool reusable =
        !discard && connection && !connection->IsBroken() && PQtransactionStatus(connection->Raw()) == PQTRANS_IDLE;
    if (!reusable) connection.reset();
    std::lock_guard lock(mutex_);
    if (reusable) {
        idle_.push_back(std::move(connection));
    } else {
        --open_;
    }
    available_.notify_one();
}

std::size_t Pool::OpenConnections() const {
    std::lock_guard lock(mutex_);
    return open_;
}

std::size_t Pool::IdleConnections() const {
    std::lock_guard lock(mutex_);
    return idle_.size();
}

Pool::Lease::Lease(Lease&& other) noexcept
    : pool_(other.pool_), connection_(std::move(other.connection_)), discard_(other.discard_) {
    other.pool_ = nullptr;
}

Pool::Lease& Pool::Lease::operator=(Lease&& other) noexcept {
    if (this != &other) {
        Reset();
        pool_ = other.pool_;
        connection_ = std::move(other.connection_);
        discard_ = other.discard_;
        other.pool_ = nullptr;
    }
    return *this;
}

Pool::Lease::~Lease() { Reset(); }

void Pool::Lease::Reset() {
    if (pool_ && connection_) pool_->Release(std::move(connection_), discard_);
    pool_ = nullptr;
    connection_.reset();
    discard_ = false;
}

}  // namespace auditrail::pg
