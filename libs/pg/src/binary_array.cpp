#include <auditrail/pg/binary_array.hpp>

#include "binary_encoding.hpp"

namespace auditrail::pg {

void BinaryArray::Null() {
    binary::PutNull(elements_);
    has_null_ = true;
    ++count_;
}

void BinaryArray::Text(std::string_view value) {
    binary::PutText(elements_, value);
    ++count_;
}

void BinaryArray::Int8(std::int64_t value) {
    binary::PutInt8(elements_, value);
    ++count_;
}

void BinaryArray::TimestampUs(std::int64_t unix_us) {
    binary::PutTimestampUs(elements_, unix_us);
    ++count_;
}

void BinaryArray::OptionalTimestampUs(const std::optional<std::int64_t>& unix_us) {
    if (unix_us) {
        TimestampUs(*unix_us);
    } else {
        Null();
    }
}

void BinaryArray::Date(std::int64_t unix_days) {
    binary::PutDate(elements_, unix_days);
    ++count_;
}

void BinaryArray::Uuid(const std::array<std::uint8_t, 16>& bytes) {
    binary::PutUuid(elements_, bytes);
    ++count_;
}

void BinaryArray::Jsonb(std::string_view json) {
    binary::PutJsonb(elements_, json);
    ++count_;
}

std::string BinaryArray::Finish() const {
    // array_recv: dimensions, a has-nulls flag, the element type, then each dimension's length and lower bound.
    // An empty array has no dimensions.
    std::string out;
    out.reserve(20 + elements_.size());
    binary::Put32(out, count_ == 0 ? 0 : 1);
    binary::Put32(out, has_null_ ? 1 : 0);
    binary::Put32(out, static_cast<std::uint32_t>(element_type_));
    if (count_ != 0) {
        binary::Put32(out, static_cast<std::uint32_t>(count_));
        binary::Put32(out, 1);
    }
    out += elements_;
    return out;
}

}  // namespace auditrail::pg
