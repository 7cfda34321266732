#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace auditrail::pg {

/// A one-dimensional array in PostgreSQL's binary format, for a statement parameter sent in binary
/// (`unnest($1::int8[])`): the server reads each element's bytes as they are, with no text to parse. Every element
/// appended must be of the array's element type.
class BinaryArray {
public:
    /// Element types, by their PostgreSQL type OID.
    enum class Of : std::uint32_t {
        kInt8 = 20,
        kText = 25,
        kDate = 1082,
        kTimestampTz = 1184,
        kUuid = 2950,
        kJsonb = 3802,
    };

    explicit BinaryArray(Of element_type) : element_type_(element_type) {}

    void Null();
    void Text(std::string_view value);
    void Int8(std::int64_t value);
    /// Microseconds since the Unix epoch, as timestamptz.
    void TimestampUs(std::int64_t unix_us);
    /// As TimestampUs; NULL when empty.
    void OptionalTimestampUs(const std::optional<std::int64_t>& unix_us);
    /// Days since the Unix epoch, as date.
    void Date(std::int64_t unix_days);
    void Uuid(const std::array<std::uint8_t, 16>& bytes);
    /// JSON text, which the server checks and stores as jsonb.
    void Jsonb(std::string_view json);

    /// The parameter's bytes: the array header, then the elements.
    std::string Finish() const;

private:
    Of element_type_;
    std::size_t count_ = 0;
    bool has_null_ = false;
    std::string elements_;
};

}  // namespace auditrail::pg
