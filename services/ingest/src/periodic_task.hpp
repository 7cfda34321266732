#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <string>
#include <thread>

namespace auditrail::ingest {

/// Runs `work` every `interval` on a thread of its own, from Start until Stop (the first run one interval after
/// Start). `work` must not throw. Stop wakes the thread at once and waits for a run in progress to finish.
class PeriodicTask {
public:
    /// `name` names the thread (see common::NameThisThread).
    PeriodicTask(std::string name, std::chrono::milliseconds interval, std::function<void()> work);
    ~PeriodicTask();

    void Start();
    void Stop();

private:
    std::string name_;
    std::chrono::milliseconds interval_;
    std::function<void()> work_;
    std::thread thread_;
    std::mutex mutex_;
    std::condition_variable wake_;
    bool stopping_ = false;
};

}  // namespace auditrail::ingest
