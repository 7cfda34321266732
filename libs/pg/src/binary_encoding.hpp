#pragma once

// PostgreSQL's binary wire format for the few types the writers send: big-endian integers, and times counted from
// PostgreSQL's epoch. A value is its length (-1 for NULL), then its bytes: the same in a binary COPY row
// (BinaryCopyBuffer) as in a binary array's elements (BinaryArray).

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

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

/// The values, each with its length in front.
inline void PutNull(std::string& out) { Put32(out, 0xFFFFFFFFu); }

inline void PutText(std::string& out, std::string_view value) {
    Put32(out, static_cast<std::uint32_t>(value.size()));
    out.append(value);
}

inline void PutInt8(std::string& out, std::int64_t value) {
    Put32(out, 8);
    Put64(out, static_cast<std::uint64_t>(value));
}

inline void PutTimestampUs(std::string& out, std::int64_t unix_us) {
    Put32(out, 8);
    Put64(out, TimestampFromUnixUs(unix_us));
}

inline void PutDate(std::string& out, std::int64_t unix_days) {
    Put32(out, 4);
    Put32(out, DateFromUnixDays(unix_days));
}

inline void PutUuid(std::string& out, const std::array<std::uint8_t, 16>& bytes) {
    Put32(out, 16);
    out.append(reinterpret_cast<const char*>(bytes.data()), bytes.size());
}

/// jsonb_recv: a format version byte (1), then the JSON text.
inline void PutJsonb(std::string& out, std::string_view json) {
    Put32(out, static_cast<std::uint32_t>(json.size() + 1));
    out.push_back('\1');
    out.append(json);
}

}  // namespace auditrail::pg::binary
