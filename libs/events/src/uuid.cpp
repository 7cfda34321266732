#include <auditrail/events/uuid.hpp>
#include <array>
#include <cstdint>
#include <random>

#include "civil.hpp"

namespace auditrail::events {
namespace {

constexpr char kHexDigits[] = "0123456789abcdef";
constexpr std::size_t kUuidLength = 36;

constexpr bool IsDashPosition(std::size_t pos) { return pos == 8 || pos == 13 || pos == 18 || pos == 23; }

/// The value of a hex digit by character, -1 for anything else.
constexpr std::array<std::int8_t, 256> kHexValue = [] {
    std::array<std::int8_t, 256> table{};
    for (auto& value : table) value = -1;
    for (int c = '0'; c <= '9'; ++c) table[c] = static_cast<std::int8_t>(c - '0');
    for (int c = 'a'; c <= 'f'; ++c) table[c] = static_cast<std::int8_t>(c - 'a' + 10);
    for (int c = 'A'; c <= 'F'; ++c) table[c] = static_cast<std::int8_t>(c - 'A' + 10);
    return table;
}();

/// Where each byte's two hex digits start in the 8-4-4-4-12 form.
constexpr std::uint8_t kByteStart[16] = {0, 2, 4, 6, 9, 11, 14, 16, 19, 21, 24, 26, 28, 30, 32, 34};

// One generator per thread, seeded with 256 bits from the OS (std::random_device reads getrandom/urandom).
std::mt19937_64& Generator() {
    thread_local std::mt19937_64 generator = [] {
        std::random_device device;
        std::seed_seq seed{device(), device(), device(), device(), device(), device(), device(), device()};
        return std::mt19937_64(seed);
    }();
    return generator;
}

std::string FormatUuid(const UuidBytes& bytes) {
    std::string text(kUuidLength, '-');
    std::size_t pos = 0;
    for (std::uint8_t byte : bytes) {
        if (IsDashPosition(pos)) ++pos;
        text[pos++] = kHexDigits[byte >> 4];
        text[pos++] = kHexDigits[byte & 0x0f];
    }
    return text;
}

}  // namespace

std::optional<UuidBytes> ParseUuid(std::string_view text) {
    // Table-driven, one check at the end: this runs twice for every event written.
    if (text.size() != kUuidLength || text[8] != '-' || text[13] != '-' || text[18] != '-' || text[23] != '-') {
        return std::nullopt;
    }
    UuidBytes bytes{};
    int invalid = 0;
    for (std::size_t i = 0; i < bytes.size(); ++i) {
        const int high = kHexValue[static_cast<unsigned char>(text[kByteStart[i]])];
        const int low = kHexValue[static_cast<unsigned char>(text[kByteStart[i] + 1])];
        invalid |= high | low;  // negative when either is not a hex digit
        bytes[i] = static_cast<std::uint8_t>(high << 4 | low);
    }
    if (invalid < 0) return std::nullopt;
    return bytes;
}

std::optional<std::string> CanonicalUuid(std::string_view text) {
    const std::optional<UuidBytes> bytes = ParseUuid(text);
    if (!bytes) return std::nullopt;
    return FormatUuid(*bytes);
}

std::string NewUuidV7(TimeUs now) {
    // RFC 9562 §5.7: 48-bit Unix milliseconds, version 7, 12 random bits, variant 0b10, 62 random bits.
    const std::uint64_t millis = now > 0 ? static_cast<std::uint64_t>(detail::FloorDiv(now, 1000)) : 0;
    const std::uint64_t random_a = Generator()();
    const std::uint64_t random_b = Generator()();
    UuidBytes bytes;
    for (int i = 0; i < 6; ++i) bytes[i] = static_cast<std::uint8_t>(millis >> (40 - 8 * i));
    bytes[6] = static_cast<std::uint8_t>(0x70 | (random_a & 0x0f));
    bytes[7] = static_cast<std::uint8_t>(random_a >> 8);
    bytes[8] = static_cast<std::uint8_t>(0x80 | (random_b & 0x3f));
    for (int i = 9; i < 16; ++i) bytes[i] = static_cast<std::uint8_t>(random_b >> (8 * (i - 8)));
    return FormatUuid(bytes);
}

std::optional<TimeUs> UuidV7Time(std::string_view text) {
    const std::optional<UuidBytes> bytes = ParseUuid(text);
    if (!bytes || ((*bytes)[6] >> 4) != 7 || ((*bytes)[8] & 0xc0) != 0x80) return std::nullopt;
    std::int64_t millis = 0;
    for (int i = 0; i < 6; ++i) millis = (millis << 8) | (*bytes)[i];
    return millis * 1000;
}

}  // namespace auditrail::events
