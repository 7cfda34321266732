#pragma once

#include <concurrentqueue/blockingconcurrentqueue.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstddef>
#include <thread>
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
    struct Entry {
        Item item;
        std::size_t events = 0;
        std::size_t bytes = 0;
    };

public:
    explicit BatchingQueue(QueueCapacity capacity) : capacity_(capacity) {}

    /// False when the queue is closed or the item would exceed the capacity; the item is untouched then.
    /// An item larger than the whole byte capacity goes into a queue that holds no bytes: its size is an estimate
    /// of memory, which can exceed the body limit that start-up checks against the capacity, and refusing it as
    /// "full" would refuse it for ever.
    bool TryPush(Item& item, std::size_t events, std::size_t bytes) {
        if (closed_.load(std::memory_order_acquire)) return false;
        if (events_.fetch_add(events) + events > capacity_.events) {
            events_.fetch_sub(events);
            return false;
        }
        const std::size_t bytes_before = bytes_.fetch_add(bytes);
        if (bytes_before + bytes > capacity_.bytes && bytes_before != 0) {
            bytes_.fetch_sub(bytes);
            events_.fetch_sub(events);
            return false;
        }
        queue_.enqueue(Entry{std::move(item), events, bytes});
        return true;
    }

    /// One writer's side of the queue: a moodycamel consumer token and the bulk-dequeue buffer it reuses.
    /// Keep one per writer thread; not thread-safe.
    class Consumer {
    public:
        explicit Consumer(BatchingQueue& queue) : token_(queue.queue_) {}

    private:
        friend class BatchingQueue;
        moodycamel::ConsumerToken token_;
        std::vector<Entry> entries_;
    };

    /// Appends to `out` items summing to about `max_events` events (items stay whole, so the batch may cross
    /// it): waits up to `idle_wait` for the first, then at most `linger` more for others to fill the batch
    /// (looking every kLingerSlice).
    /// Takes items in bulk. Returns the number of events taken (0 when nothing came).
    std::size_t PopBatch(Consumer& consumer, std::vector<Item>& out, std::size_t max_events,
                         std::chrono::microseconds linger, std::chrono::microseconds idle_wait) {
        auto& entries = consumer.entries_;  // grows to kMaxBulk at most and is reused, moved-from
        if (entries.empty()) entries.resize(1);
        if (!queue_.wait_dequeue_timed(consumer.token_, entries[0], idle_wait)) return 0;
        std::size_t largest = std::max<std::size_t>(entries[0].events, 1);
        std::size_t taken = Take(out, entries, 1);
        const auto deadline = std::chrono::steady_clock::now() + linger;
        while (taken < max_events) {
            // As many items as can fit, judging by the largest seen so far; at least one.
            const std::size_t want = std::clamp<std::size_t>((max_events - taken) / largest, 1, kMaxBulk);
            if (entries.size() < want) entries.resize(want);
            const std::size_t got = queue_.try_dequeue_bulk(consumer.token_, entries.begin(), want);
            if (got == 0) {
                const auto left = deadline - std::chrono::steady_clock::now();
                if (left <= left.zero()) break;
                // Sleep, then take what came, rather than wait on the queue's semaphore: waiting, the writer was
                // woken by every request arriving during the linger (a futex wake and two context switches per
                // request under single-event load); asleep, a push costs the producer one atomic increment.
                std::this_thread::sleep_for(std::min<std::chrono::steady_clock::duration>(left, kLingerSlice));
                continue;
            }
            for (std::size_t i = 0; i < got; ++i) largest = std::max(largest, entries[i].events);
            taken += Take(out, entries, got);
        }
        return taken;
    }

    /// PopBatch with a consumer made for this call (tests, occasional callers).
    std::size_t PopBatch(std::vector<Item>& out, std::size_t max_events, std::chrono::microseconds linger,
                         std::chrono::microseconds idle_wait) {
        Consumer consumer(*this);
        return PopBatch(consumer, out, max_events, linger, idle_wait);
    }

    /// Refuses further pushes; items already queued can still be popped.
    void Close() { closed_.store(true, std::memory_order_release); }
    bool IsClosed() const { return closed_.load(std::memory_order_acquire); }

    std::size_t QueuedEvents() const { return events_.load(std::memory_order_relaxed); }
    std::size_t QueuedBytes() const { return bytes_.load(std::memory_order_relaxed); }
    const QueueCapacity& Capacity() const { return capacity_; }

private:
    /// Moves the first `count` entries to `out`, releasing their cost.
    std::size_t Take(std::vector<Item>& out, std::vector<Entry>& entries, std::size_t count) {
        std::size_t events = 0;
        std::size_t bytes = 0;
        for (std::size_t i = 0; i < count; ++i) {
            out.push_back(std::move(entries[i].item));
            events += entries[i].events;
            bytes += entries[i].bytes;
        }
        events_.fetch_sub(events);
        bytes_.fetch_sub(bytes);
        return events;
    }

    static constexpr std::size_t kMaxBulk = 256;  ///< items taken by one bulk dequeue at most
    /// How long a lingering writer sleeps between looks at the queue: a batch that fills early waits this at most.
    static constexpr std::chrono::microseconds kLingerSlice{500};

    /// Writers sleep on the semaphore after a short spin: moodycamel's default of 10,000 spins burns CPU that
    /// PostgreSQL needs when they share a few cores.
    struct Traits : moodycamel::ConcurrentQueueDefaultTraits {
        static const int MAX_SEMA_SPINS = 100;
    };

    QueueCapacity capacity_;
    moodycamel::BlockingConcurrentQueue<Entry, Traits> queue_;
    std::atomic<std::size_t> events_{0};
    std::atomic<std::size_t> bytes_{0};
    std::atomic<bool> closed_{false};
};

}  // namespace auditrail::queue
