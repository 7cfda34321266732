#include "stall_watch.hpp"

#include <sys/socket.h>

#include <condition_variable>
#include <map>
#include <mutex>
#include <thread>

namespace auditrail::pg::detail {
namespace {

using Clock = std::chrono::steady_clock;

/// The calls being watched, by the guard that watches each. The socket of an expired call is shut down while the
/// lock is held, and a guard leaves under the same lock before its call returns, so the descriptor is still the
/// connection's own (never one reused after a close).
class StallWatch {
public:
    static StallWatch& Instance() {
        static StallWatch* watch = new StallWatch;  // never destroyed: its thread runs until the process ends
        return *watch;
    }

    void Add(const StallGuard* guard, int fd, Clock::time_point deadline, std::atomic<bool>& ended) {
        std::lock_guard lock(mutex_);
        calls_[guard] = {fd, deadline, &ended};
        if (!thread_.joinable()) thread_ = std::thread([this] { Run(); });
    }

    void Remove(const StallGuard* guard) {
        std::lock_guard lock(mutex_);
        calls_.erase(guard);
    }

private:
    struct Call {
        int fd;
        Clock::time_point deadline;
        std::atomic<bool>* ended;
    };

    void Run() {
        std::unique_lock lock(mutex_);
        for (;;) {
            wake_.wait_for(lock, std::chrono::milliseconds(200));
            const auto now = Clock::now();
            for (auto& [guard, call] : calls_) {
                if (call.deadline > now) continue;
                call.ended->store(true);
                ::shutdown(call.fd, SHUT_RDWR);
                call.deadline = Clock::time_point::max();  // once
            }
        }
    }

    std::mutex mutex_;
    std::condition_variable wake_;
    std::map<const StallGuard*, Call> calls_;
    std::thread thread_;
};

}  // namespace

StallGuard::StallGuard(int fd, std::chrono::milliseconds limit, std::atomic<bool>& ended) {
    if (limit.count() <= 0 || fd < 0) return;
    StallWatch::Instance().Add(this, fd, Clock::now() + limit, ended);
    watched_ = true;
}

StallGuard::~StallGuard() {
    if (watched_) StallWatch::Instance().Remove(this);
}

}  // namespace auditrail::pg::detail
