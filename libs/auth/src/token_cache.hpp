#pragma once

#include <cstddef>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

#include "jwt_decode.hpp"

namespace auditrail::auth {

/// Tokens that verified, keyed by the whole token string (a hit is always the very same token).
/// Thread-safe: sharded, one mutex per shard. Bounded: a full shard drops an arbitrary entry.
class TokenCache {
  public:
    using EntryPtr = std::shared_ptr<const VerifiedToken>;

    /// At most `capacity` entries in all; 0 disables the cache.
    explicit TokenCache(std::size_t capacity);
    ~TokenCache();
    TokenCache(const TokenCache&) = delete;
    TokenCache& operator=(const TokenCache&) = delete;

    /// The entry for exactly `token`, or null. Allocates nothing.
    EntryPtr Find(std::string_view token) const;
    void Insert(std::string_view token, EntryPtr entry);
    void Erase(std::string_view token);
    std::size_t Size() const;

  private:
    /// The hash is computed once per call and stored, so shard choice and map lookup share it.
    struct Key {
        std::size_t hash;
        std::string token;
    };
    struct KeyView {
        std::size_t hash;
        std::string_view token;
    };
    struct KeyHash {
        using is_transparent = void;
        std::size_t operator()(const Key& key) const noexcept { return key.hash; }
        std::size_t operator()(const KeyView& key) const noexcept { return key.hash; }
    };
    struct KeyEqual {
        using is_transparent = void;
        template <typename A, typename B>
        bool operator()(const A& a, const B& b) const noexcept {
            return a.hash == b.hash && std::string_view(a.token) == std::string_view(b.token);
        }
    };
    struct Shard {
        mutable std::mutex mutex;
        std::unordered_map<Key, EntryPtr, KeyHash, KeyEqual> entries;
    };

    static KeyView MakeKey(std::string_view token);
    Shard& ShardFor(const KeyView& key) const;

    std::size_t shard_count_ = 0;
    std::size_t shard_capacity_ = 0;
    std::unique_ptr<Shard[]> shards_;
};

}  // namespace auditrail::auth
