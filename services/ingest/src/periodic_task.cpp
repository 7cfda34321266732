#include "periodic_task.hpp"

#include <auditrail/common/thread_name.hpp>

namespace auditrail::ingest {

PeriodicTask::PeriodicTask(std::string name, std::chrono::milliseconds interval, std::function<void()> work)
    : name_(std::move(name)), interval_(interval), work_(std::move(work)) {}

PeriodicTask::~PeriodicTask() { Stop(); }

void PeriodicTask::Start() {
    thread_ = std::thread([this] {
        common::NameThisThread(name_);
        std::unique_lock lock(mutex_);
        while (!wake_.wait_for(lock, interval_, [this] { return stopping_; })) {
            lock.unlock();
            work_();
            lock.lock();
        }
    });
}

void PeriodicTask::Stop() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_all();
    if (thread_.joinable()) thread_.join();
}

}  // namespace auditrail::ingest
