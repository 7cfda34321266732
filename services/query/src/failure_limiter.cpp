#include "failure_limiter.hpp"

#include <openssl/sha.h>

#include <algorithm>

namespace auditrail::query {
namespace {

/// What the map keeps of a key: its SHA-256, so that a key as long as a request body (an email, a client id) costs
/// 32 bytes, however many of them failing attempts bring.
std::string Digest(const std::string& key) {
    std::string digest(SHA256_DIGEST_LENGTH, '\0');
    SHA256(reinterpret_cast<const unsigned char*>(key.data()), key.size(),
           reinterpret_cast<unsigned char*>(digest.data()));
    return digest;
}

}  // namespace

FailureLimiter::FailureLimiter(std::size_t max_failures, std::chrono::milliseconds window, std::size_t capacity)
    : max_failures_(std::max<std::size_t>(1, max_failures)),
      window_(window),
      capacity_(std::max<std::size_t>(1, capacity)) {}

void FailureLimiter::Expire(std::deque<Clock::time_point>& failures, Clock::time_point now) const {
    while (!failures.empty() && now - failures.front() >= window_) failures.pop_front();
}

std::chrono::seconds FailureLimiter::WaitFor(const std::deque<Clock::time_point>& failures,
                                             Clock::time_point now) const {
    // Blocked until the oldest failure in the window leaves it; rounded up, at least one second.
    const auto seconds = std::chrono::ceil<std::chrono::seconds>(failures.front() + window_ - now);
    return std::max(seconds, std::chrono::seconds(1));
}

std::optional<std::chrono::seconds> FailureLimiter::TakeAttempt(const std::string& key, Clock::time_point now) {
    const std::string digest = Digest(key);
    std::lock_guard lock(mutex_);
    if (failures_.find(digest) == failures_.end() && failures_.size() >= capacity_) MakeRoom(now);
    auto& failures = failures_[digest];
    Expire(failures, now);
    if (failures.size() >= max_failures_) return WaitFor(failures, now);
    failures.push_back(now);
    return std::nullopt;
}

void FailureLimiter::Refund(const std::string& key) {
    const std::string digest = Digest(key);
    std::lock_guard lock(mutex_);
    const auto found = failures_.find(digest);
    if (found == failures_.end()) return;
    if (!found->second.empty()) found->second.pop_back();
    if (found->second.empty()) failures_.erase(found);
}

void FailureLimiter::Reset(const std::string& key) {
    const std::string digest = Digest(key);
    std::lock_guard lock(mutex_);
    failures_.erase(digest);
}

std::size_t FailureLimiter::Tracked() const {
    std::lock_guard lock(mutex_);
    return failures_.size();
}

std::size_t FailureLimiter::KeyBytes() const {
    std::lock_guard lock(mutex_);
    std::size_t bytes = 0;
    for (const auto& [key, failures] : failures_) bytes += key.size();
    return bytes;
}

void FailureLimiter::MakeRoom(Clock::time_point now) {
    // First drop every key whose failures have all left the window; when none has, the stalest key.
    for (auto it = failures_.begin(); it != failures_.end();) {
        Expire(it->second, now);
        it = it->second.empty() ? failures_.erase(it) : std::next(it);
    }
    if (failures_.size() < capacity_) return;
    const auto stalest = std::min_element(failures_.begin(), failures_.end(), [](const auto& a, const auto& b) {
        return a.second.back() < b.second.back();
    });
    failures_.erase(stalest);
}

}  // namespace auditrail::query
