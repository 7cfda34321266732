#include "token_cache.hpp"

#include <algorithm>

namespace auditrail::auth {
namespace {

constexpr std::size_t kMaxShards = 16;

}  // namespace

TokenCache::TokenCache(std::size_t capacity)
    // Fewer shards than kMaxShards when the capacity is tiny, so the total never exceeds it.
    : shard_count_(std::min(capacity, kMaxShards)),
      shard_capacity_(shard_count_ == 0 ? 0 : capacity / shard_count_),
      shards_(shard_count_ == 0 ? nullptr : std::make_unique<Shard[]>(shard_count_)) {}

TokenCache::~TokenCache() = default;

TokenCache::KeyView TokenCache::MakeKey(std::string_view token) {
    return KeyView{std::hash<std::string_view>{}(token), token};
}

TokenCache::Shard& TokenCache::ShardFor(const KeyView& key) const {
    // The map uses the low bits of the hash for its buckets; the shard takes the high ones.
    return shards_[(key.hash >> (sizeof(std::size_t) * 4)) % shard_count_];
}

TokenCache::EntryPtr TokenCache::Find(std::string_view token) const {
    if (shard_count_ == 0) return nullptr;
    const KeyView key = MakeKey(token);
    Shard& shard = ShardFor(key);
    std::lock_guard lock(shard.mutex);
    const auto it = shard.entries.find(key);
    return it == shard.entries.end() ? nullptr : it->second;
}

void TokenCache::Insert(std::string_view token, EntryPtr entry) {
    if (shard_count_ == 0) return;
    const KeyView view = MakeKey(token);
    Key key{view.hash, std::string(token)};  // copied before taking the lock
    Shard& shard = ShardFor(view);
    std::lock_guard lock(shard.mutex);
    if (const auto it = shard.entries.find(view); it != shard.entries.end()) {
        it->second = std::move(entry);
        return;
    }
    if (shard.entries.size() >= shard_capacity_) shard.entries.erase(shard.entries.begin());
    shard.entries.emplace(std::move(key), std::move(entry));
}

void TokenCache::Erase(std::string_view token) {
    if (shard_count_ == 0) return;
    const KeyView key = MakeKey(token);
    Shard& shard = ShardFor(key);
    std::lock_guard lock(shard.mutex);
    if (const auto it = shard.entries.find(key); it != shard.entries.end()) shard.entries.erase(it);
}

std::size_t TokenCache::Size() const {
    std::size_t size = 0;
    for (std::size_t i = 0; i < shard_count_; ++i) {
        std::lock_guard lock(shards_[i].mutex);
        size += shards_[i].entries.size();
    }
    return size;
}

}  // namespace auditrail::auth
