#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace auditrail::pg {

/// Builds the body of `COPY ... FROM STDIN (FORMAT binary)`: a header, rows of length-prefixed
/// big-endian fields, a trailer. Binary saves the server from parsing text for every value.
class BinaryCopyBuffer {
public:
    BinaryCopyBuffer();

    void StartRow(std::int16_t columns);
    void Null();
    void Text(std::string_view value);
    void Int8(std::int64_t value);
    /// Microseconds since the Unix epoch, written as timestamptz.
    void TimestampUs(std::int64_t unix_us);
    /// Days since the Unix epoch, written as date.
    void Date(std::int64_t unix_days);
    void Uuid(const std::array<std::uint8_t, 16>& bytes);
    /// JSON text written as jsonb (format version 1 followed by the text).
    void Jsonb(std::string_view json);

    /// Adds the trailer; the buffer is then complete.
    const std::string& Finish();
    void Clear();
    std::size_t Size() const { return data_.size(); }

private:
    std::string data_;
};

}  // namespace auditrail::pg
