#pragma once

// PostgreSQL's binary wire format for the few types the writers send: big-endian integers, and times counted from
// PostgreSQL's epoch. Shared by BinaryCopyBuffer and BinaryArray.

#include <cstdint>
#include <string>

namespace auditrail::pg::binary {

/// PostgreSQL timestamps count from 2000-01-01; Unix time from 1970-01-01.
inline constexpr std::int64_t kPostgresEpochUs = 946684800LL * 1000000LL;
inline constexpr std::int64_t kPostgresEpochDays = 10957;

inline void Put16(std::string& out, std::uint16_t value) {
    const char bytes[2] = {static_cast<char>(value >> 8), static_cast<char>(value)};
    out.append(bytes, 2);
}

inline void Put32(std::string& out, std::uint32_t value) {
    const char bytes[4] = {static_cast<char>(value >> 24), static_cast<char>(value >> 16),
                           static_cast<char>(value >> 8), static_cast<char>(value)};
    out.append(bytes, 4);
}

inline void Put64(std::string& out, std::uint64_t value) {
    Put32(out, static_cast<std::uint32_t>(value >> 32));
    Put32(out, static_cast<std::uint32_t>(value));
}

/// timestamptz: microseconds since PostgreSQL's epoch.
inline std::uint64_t TimestampFromUnixUs(std::int64_t unix_us) {
    return static_cast<std::uint64_t>(unix_us - kPostgresEpochUs);
}

/// date: days since PostgreSQL's epoch.
inline std::uint32_t DateFromUnixDays(std::int64_t unix_days) {
    return static_cast<std::uint32_t>(static_cast<std::int32_t>(unix_days - kPostgresEpochDays));
}

}  // namespace auditrail::pg::binary
