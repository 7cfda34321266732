#pragma once

#include <auditrail/events/event.hpp>

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace auditrail::events {

using UuidBytes = std::array<std::uint8_t, 16>;

/// Accepts the 8-4-4-4-12 hex form (either case); returns the canonical lower-case text.
std::optional<std::string> CanonicalUuid(std::string_view text);

/// Parses canonical or mixed-case 8-4-4-4-12 text into 16 bytes.
std::optional<UuidBytes> ParseUuid(std::string_view text);

/// A fresh RFC 9562 UUIDv7 for time `now` (random bits from a per-thread CSPRNG-seeded generator).
std::string NewUuidV7(TimeUs now);

/// The time of a UUIDv7 (version 7, variant 10), in microseconds of its whole milliseconds; nothing for other text.
std::optional<TimeUs> UuidV7Time(std::string_view text);

}  // namespace auditrail::events
