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
    Put32(0);  // flags
    Put32(0);  // header extension length
}

void BinaryCopyBuffer::Put16(std::uint16_t value) { binary::Put16(data_, value); }
void BinaryCopyBuffer::Put32(std::uint32_t value) { binary::Put32(data_, value); }
void BinaryCopyBuffer::Put64(std::uint64_t value) { binary::Put64(data_, value); }

void BinaryCopyBuffer::StartRow(std::int16_t columns) { Put16(static_cast<std::uint16_t>(columns)); }

void BinaryCopyBuffer::Null() { Put32(0xFFFFFFFFu); }

void BinaryCopyBuffer::Text(std::string_view value) {
    Put32(static_cast<std::uint32_t>(value.size()));
    data_.append(value);
}

void BinaryCopyBuffer::Int8(std::int64_t value) {
    Put32(8);
    Put64(static_cast<std::uint64_t>(value));
}

void BinaryCopyBuffer::TimestampUs(std::int64_t unix_us) {
    Put32(8);
    Put64(binary::TimestampFromUnixUs(unix_us));
}

void BinaryCopyBuffer::Date(std::int64_t unix_days) {
    Put32(4);
    Put32(binary::DateFromUnixDays(unix_days));
}

void BinaryCopyBuffer::Uuid(const std::array<std::uint8_t, 16>& bytes) {
    Put32(16);
    data_.append(reinterpret_cast<const char*>(bytes.data()), bytes.size());
}

void BinaryCopyBuffer::Jsonb(std::string_view json) {
    Put32(static_cast<std::uint32_t>(json.size() + 1));
    data_.push_back('\1');
    data_.append(json);
}

const std::string& BinaryCopyBuffer::Finish() {
    Put16(0xFFFF);
    return data_;
}

}  // namespace auditrail::pg
