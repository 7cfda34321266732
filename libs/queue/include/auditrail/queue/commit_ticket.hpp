#pragma once

#include <atomic>
#include <functional>

namespace auditrail::queue {

enum class CommitOutcome {
    kCommitted,  ///< the batch holding the request's events has committed
    kFailed,     ///< it never will (the server gave up); the caller answers 503
};

/// What a request waits on until its batch commits. The states make a timed-out request and a writer
/// agree on who owns it: a writer only writes a request it moved from pending to writing, and a request
/// can be abandoned (its client answered 503) only while pending, so it is then never written.
class CommitTicket {
public:
    explicit CommitTicket(std::function<void(CommitOutcome)> on_done) : on_done_(std::move(on_done)) {}

    /// Writer: pending → writing. False when the request was abandoned.
    bool BeginWrite() {
        if (!Move(State::kPending, State::kWriting)) return false;
        attempted_.store(true);
        return true;
    }
    /// Writer: the attempt failed and will be retried; the request may be abandoned meanwhile.
    void EndWriteFailed() { Move(State::kWriting, State::kPending); }
    /// Writer: the attempt ended for good; tells the waiting request.
    void Complete(CommitOutcome outcome) {
        if (Move(State::kWriting, State::kDone) || Move(State::kPending, State::kDone)) on_done_(outcome);
    }
    /// Request side, on timeout: pending → abandoned. False when a write is under way or done, in which
    /// case the outcome is unknown to the client.
    bool Abandon() { return Move(State::kPending, State::kAbandoned); }
    /// Whether a write was ever attempted: one that failed on a lost connection may still have committed.
    bool Attempted() const { return attempted_.load(); }

private:
    enum class State { kPending, kWriting, kDone, kAbandoned };
    bool Move(State from, State to) { return state_.compare_exchange_strong(from, to); }

    std::atomic<State> state_{State::kPending};
    std::atomic<bool> attempted_{false};
    std::function<void(CommitOutcome)> on_done_;
};

}  // namespace auditrail::queue
