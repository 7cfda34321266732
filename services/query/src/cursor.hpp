#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>

#include "search_filter.hpp"

namespace auditrail::query {

/// What a `next_cursor` carries: where the next page starts, the time window the walk resolved on its first
/// page (so defaults do not drift between pages), and a digest of the tenant, filters and order it belongs to.
struct Cursor {
    std::array<unsigned char, 16> binding{};  ///< CursorCodec::Binding of the request that made it
    SortOrder order = SortOrder::kDesc;
    events::TimeUs from = 0;
    events::TimeUs to = 0;
    KeysetPosition position;
};

/// Opaque, tamper-checked cursors: base64url of the fields and an HMAC-SHA-256 over them, keyed by a key
/// derived from the service's secret (so that cursors survive restarts and work across instances).
class CursorCodec {
public:
    explicit CursorCodec(std::string_view secret);

    std::string Encode(const Cursor& cursor) const;
    /// Nothing when the text is malformed or its MAC does not match.
    std::optional<Cursor> Decode(std::string_view text) const;

    /// The digest a cursor binds: tenant, filters and order (FilterFingerprint).
    static std::array<unsigned char, 16> Binding(std::string_view tenant, const SearchFilter& filter);

private:
    std::array<unsigned char, 32> key_{};
};

}  // namespace auditrail::query
