#include <auditrail/queue/batching_queue.hpp>
#include <auditrail/queue/commit_ticket.hpp>

#include <catch2/catch.hpp>

#include <thread>

namespace auditrail::queue {
namespace {

constexpr auto kNoLinger = std::chrono::microseconds(0);
constexpr auto kShortWait = std::chrono::microseconds(1000);

}  // namespace

TEST_CASE("a push beyond the event capacity is refused and leaves room accounting intact", "[queue]") {
    BatchingQueue<int> queue({.events = 10, .bytes = 1000});
    int item = 1;
    CHECK(queue.TryPush(item, 6, 10));
    CHECK_FALSE(queue.TryPush(item, 5, 10));
    CHECK(queue.QueuedEvents() == 6);
    CHECK(queue.TryPush(item, 4, 10));
    CHECK(queue.QueuedEvents() == 10);
    std::vector<int> out;
    CHECK(queue.PopBatch(out, 100, kNoLinger, kShortWait) == 10);
    CHECK(queue.QueuedEvents() == 0);
    CHECK(queue.QueuedBytes() == 0);
    CHECK(queue.TryPush(item, 10, 10));
}

TEST_CASE("a push beyond the byte capacity is refused", "[queue]") {
    BatchingQueue<int> queue({.events = 1000, .bytes = 100});
    int item = 1;
    CHECK(queue.TryPush(item, 1, 60));
    CHECK_FALSE(queue.TryPush(item, 1, 60));
    CHECK(queue.QueuedEvents() == 1);
    CHECK(queue.QueuedBytes() == 60);
}

TEST_CASE("an item larger than the whole byte capacity goes into an empty queue only", "[queue]") {
    BatchingQueue<int> queue({.events = 1000, .bytes = 100});
    int item = 1;
    CHECK(queue.TryPush(item, 1, 150));
    CHECK_FALSE(queue.TryPush(item, 1, 150));
    CHECK_FALSE(queue.TryPush(item, 1, 1));
    CHECK(queue.QueuedBytes() == 150);
    std::vector<int> out;
    CHECK(queue.PopBatch(out, 100, kNoLinger, kShortWait) == 1);
    CHECK(queue.QueuedBytes() == 0);
    CHECK(queue.TryPush(item, 1, 60));
    CHECK_FALSE(queue.TryPush(item, 1, 150));
}

TEST_CASE("a batch stops once it holds max_events, keeping requests whole", "[queue]") {
    BatchingQueue<int> queue({});
    for (int i = 0; i < 5; ++i) {
        int item = i;
        REQUIRE(queue.TryPush(item, 3, 1));
    }
    std::vector<int> out;
    // 3 + 3 = 6 ≥ 5: two items, the second crossing the cap rather than being split.
    CHECK(queue.PopBatch(out, 5, std::chrono::microseconds(5000), kShortWait) == 6);
    CHECK(out == std::vector<int>{0, 1});
    out.clear();
    CHECK(queue.PopBatch(out, 100, kNoLinger, kShortWait) == 9);
    CHECK(out.size() == 3);
}

TEST_CASE("an empty queue returns nothing after the idle wait", "[queue]") {
    BatchingQueue<int> queue({});
    std::vector<int> out;
    CHECK(queue.PopBatch(out, 10, kNoLinger, kShortWait) == 0);
    CHECK(out.empty());
}

TEST_CASE("the linger collects items pushed while the writer waits", "[queue]") {
    BatchingQueue<int> queue({});
    int first = 1;
    REQUIRE(queue.TryPush(first, 1, 1));
    std::thread producer([&] {
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
        int second = 2;
        queue.TryPush(second, 1, 1);
    });
    std::vector<int> out;
    // Generous linger: the test checks that waiting collects, not how fast.
    queue.PopBatch(out, 2, std::chrono::seconds(5), kShortWait);
    producer.join();
    CHECK(out == std::vector<int>{1, 2});
}

TEST_CASE("a closed queue refuses pushes but still hands out what it holds", "[queue]") {
    BatchingQueue<int> queue({});
    int item = 7;
    REQUIRE(queue.TryPush(item, 1, 1));
    queue.Close();
    CHECK(queue.IsClosed());
    CHECK_FALSE(queue.TryPush(item, 1, 1));
    std::vector<int> out;
    CHECK(queue.PopBatch(out, 10, kNoLinger, kShortWait) == 1);
    CHECK(out == std::vector<int>{7});
}

TEST_CASE("a commit ticket is either written or abandoned, never both", "[queue]") {
    int calls = 0;
    CommitOutcome seen = CommitOutcome::kFailed;
    SECTION("abandoned while pending: the writer skips it") {
        CommitTicket ticket([&](CommitOutcome outcome) { ++calls, seen = outcome; });
        CHECK(ticket.Abandon());
        CHECK_FALSE(ticket.BeginWrite());
        CHECK_FALSE(ticket.Attempted());  // never written: the client may be told so
        ticket.Complete(CommitOutcome::kCommitted);
        CHECK(calls == 0);
    }
    SECTION("being written: it cannot be abandoned, and completes once") {
        CommitTicket ticket([&](CommitOutcome outcome) { ++calls, seen = outcome; });
        CHECK(ticket.BeginWrite());
        CHECK_FALSE(ticket.Abandon());
        ticket.Complete(CommitOutcome::kCommitted);
        ticket.Complete(CommitOutcome::kFailed);
        CHECK(calls == 1);
        CHECK(seen == CommitOutcome::kCommitted);
    }
    SECTION("a failed attempt makes it abandonable again") {
        CommitTicket ticket([&](CommitOutcome outcome) { ++calls, seen = outcome; });
        CHECK(ticket.BeginWrite());
        ticket.EndWriteFailed();
        CHECK(ticket.Abandon());
        CHECK_FALSE(ticket.BeginWrite());
        // The failed attempt may have committed before its connection was lost: the outcome is unknown.
        CHECK(ticket.Attempted());
    }
}

}  // namespace auditrail::queue
