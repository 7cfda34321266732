#pragma once

#include <concurrentqueue/blockingconcurrentqueue.h>

#include <atomic>
#include <chrono>
#include <cstddef>
#include <vector>

namespace auditrail::queue {

struct QueueCapacity {
    std::size_t events = 200000;            ///< events queued at most
    std::size_t bytes = 256 * 1024 * 1024;  ///< approximate bytes queued at most
};

/// A bounded multi-producer queue over moodycamel's BlockingConcurrentQueue. Each item carries a cost
/// (events, bytes) counted against the capacity from push until it is popped; a push over capacity
/// fails at once (the caller answers 503), so memory stays bounded under any overload.
template <class Item>
class BatchingQueue {
public:
    explicit BatchingQueue(QueueCapacity capacity) : capacity_(capacity) {}

    /// False when the queue is closed or the item would exceed the capacity; the item is untouched then.
    bool TryPush(Item& item, std::size_t events, std::size_t bytes) {
        if (closed_.load(std::memory_order_acquire)) return false;
        if (events_.fetch_add(events) + events > capacity_.events) {
            events_.fetch_sub(events);
            return false;
        }
        if (bytes_.fetch_add(bytes) + bytes > capacity_.bytes) {
            bytes_.fetch_sub(bytes);
            events_.fetch_sub(events);
            return false;
        }
        queue_.enqueue(Entry{std::move(item), events, bytes});
        return true;
    }

    /// Appends to `out` items summing to about `max_events` events (the last item may cross it): waits up
    /// to `idle_wait` for the first, then at most `linger` more for others to fill the batch.
    /// Returns the number of events taken (0 when nothing came).
    std::size_t PopBatch(std::vector<Item>& out, std::size_t max_events, std::chrono::microseconds linger,
                         std::chrono::microseconds idle_wait) {
        Entry entry;
        if (!queue_.wait_dequeue_timed(entry, idle_wait)) return 0;
        std::size_t taken = Take(out, entry);
        const auto deadline = std::chrono::steady_clock::now() + linger;
        while (taken < max_events) {
            if (queue_.try_dequeue(entry)) {
                taken += Take(out, entry);
                continue;
            }
            const auto left = deadline - std::chrono::steady_clock::now();
            if (left <= left.zero()) break;
            if (!queue_.wait_dequeue_timed(entry, std::chrono::duration_cast<std::chrono::microseconds>(left))) break;
            taken += Take(out, entry);
        }
        return taken;
    }

    /// Refuses further pushes; items already queued can still be popped.
    void Close() { closed_.store(true, std::memory_order_release); }
    bool IsClosed() const { return closed_.load(std::memory_order_acquire); }

    std::size_t QueuedEvents() const { return events_.load(std::memory_order_relaxed); }
    std::size_t QueuedBytes() const { return bytes_.load(std::memory_order_relaxed); }
    const QueueCapacity& Capacity() const { return capacity_; }

private:
    struct Entry {
        Item item;
        std::size_t events = 0;
        std::size_t bytes = 0;
    };

    std::size_t Take(std::vector<Item>& out, Entry& entry) {
        out.push_back(std::move(entry.item));
        events_.fetch_sub(entry.events);
        bytes_.fetch_sub(entry.bytes);
        return entry.events;
    }

    QueueCapacity capacity_;
    moodycamel::BlockingConcurrentQueue<Entry> queue_;
    std::atomic<std::size_t> events_{0};
    std::atomic<std::size_t> bytes_{0};
    std::atomic<bool> closed_{false};
};

}  // namespace auditrail::queue
