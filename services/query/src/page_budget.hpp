#pragma once

#include <atomic>
#include <cstddef>
#include <memory>

namespace auditrail::query {

/// A search page ends before the event that would take its events' text past this (or at `limit`), with a cursor
/// for the rest; its first event is always in it.
inline constexpr std::size_t kPageTextBytes = 8u << 20;
/// What the query service lets search pages hold at once: 32 pages at their largest.
inline constexpr std::size_t kPageBudgetBytes = 256u << 20;

/// Bytes of search pages being built or sent, bounded service-wide. A page is built whole (up to 5000 events of up to
/// ~48 KB each), and a client that does not read keeps its page until the write times out: without a bound, a few
/// dozen such clients held gigabytes.
class PageBudget {
public:
    /// A share of the budget, given back when the last copy of it goes (with the answer, once it is sent).
    class Hold {
    public:
        Hold(PageBudget& budget, std::size_t bytes) : budget_(budget), bytes_(bytes) {}
        ~Hold() { budget_.used_.fetch_sub(bytes_); }
        Hold(const Hold&) = delete;
        Hold& operator=(const Hold&) = delete;

        /// Holds `bytes` from now on instead (the page's real size, once built); may exceed the capacity by what
        /// the page outgrew its reservation.
        void Resize(std::size_t bytes);

    private:
        PageBudget& budget_;
        std::size_t bytes_;
    };

    explicit PageBudget(std::size_t capacity) : capacity_(capacity) {}

    /// A hold of `bytes`, or null when the budget has no room for it.
    std::shared_ptr<Hold> TryReserve(std::size_t bytes);

    std::size_t Used() const { return used_.load(); }

private:
    const std::size_t capacity_;
    std::atomic<std::size_t> used_{0};
};

}  // namespace auditrail::query
