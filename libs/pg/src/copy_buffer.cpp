#include <auditrail/pg/copy_buffer.hpp>

#include "binary_encoding.hpp"

namespace auditrail::pg {
namespace {

constexpr char kSignature[] = "PGCOPY\n\377\r\n\0";

}  // namespace

BinaryCopyBuffer::BinaryCopyBuffer() { Clear(); }

void BinaryCopyBuffer::Clear() {
    data_.clear();
    data_.append(kSignature, 11);
    binary::Put32(data_, 0);  // flags
    binary::Put32(data_, 0);  // header extension length
}

void BinaryCopyBuffer::StartRow(std::int16_t columns) { binary::Put16(data_, static_cast<std::uint16_t>(columns)); }
void BinaryCopyBuffer::Null() { binary::PutNull(data_); }
void BinaryCopyBuffer::Text(std::string_view value) { binary::PutText(data_, value); }
void BinaryCopyBuffer::Int8(std::int64_t value) { binary::PutInt8(data_, value); }
void BinaryCopyBuffer::TimestampUs(std::int64_t unix_us) { binary::PutTimestampUs(data_, unix_us); }
void BinaryCopyBuffer::Date(std::int64_t unix_days) { binary::PutDate(data_, unix_days); }
void BinaryCopyBuffer::Uuid(const std::array<std::uint8_t, 16>& bytes) { binary::PutUuid(data_, bytes); }
void BinaryCopyBuffer::Jsonb(std::string_view json) { binary::PutJsonb(data_, json); }

const std::string& BinaryCopyBuffer::Finish() {
    binary::Put16(data_, 0xFFFF);
    return data_;
}

}  // namespace auditrail::pg
