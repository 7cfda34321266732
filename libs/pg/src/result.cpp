#include <auditrail/pg/result.hpp>

#include <libpq-fe.h>

#include <charconv>
#include <stdexcept>

namespace auditrail::pg {

void Result::Deleter::operator()(pg_result* result) const { PQclear(result); }

Result::Result(pg_result* result) : result_(result) {}

int Result::Rows() const { return result_ ? PQntuples(result_.get()) : 0; }
int Result::Columns() const { return result_ ? PQnfields(result_.get()) : 0; }

bool Result::IsNull(int row, int column) const { return PQgetisnull(result_.get(), row, column) != 0; }

std::string_view Result::Get(int row, int column) const {
    return {PQgetvalue(result_.get(), row, column),
            static_cast<std::size_t>(PQgetlength(result_.get(), row, column))};
}

namespace {

// Type OIDs (pg_type.dat) and the epoch of PostgreSQL's binary dates and timestamps, 2000-01-01.
constexpr Oid kInt2 = 21, kInt4 = 23, kInt8 = 20, kDate = 1082, kTimestamp = 1114, kTimestampTz = 1184;
constexpr std::int64_t kDaysFrom1970To2000 = 10957;
constexpr std::int64_t kUsFrom1970To2000 = kDaysFrom1970To2000 * 86400 * 1'000'000;

/// A big-endian signed integer of `bytes` bytes (binary format is network order).
std::int64_t BigEndian(std::string_view value, std::size_t bytes) {
    if (value.size() != bytes) {
        throw std::runtime_error("a binary value has " + std::to_string(value.size()) + " bytes");
    }
    std::uint64_t bits = 0;
    for (char c : value) bits = (bits << 8) | static_cast<unsigned char>(c);
    // Sign-extend from the value's width.
    const unsigned shift = 64 - 8 * static_cast<unsigned>(bytes);
    return static_cast<std::int64_t>(bits << shift) >> shift;
}

}  // namespace

std::int64_t Result::GetInt(int row, int column) const {
    const auto text = Get(row, column);
    if (PQfformat(result_.get(), column) == 1) {
        switch (PQftype(result_.get(), column)) {
            case kInt2: return BigEndian(text, 2);
            case kInt4: return BigEndian(text, 4);
            case kInt8: return BigEndian(text, 8);
            default: throw std::runtime_error("column " + std::to_string(column) + " is not a binary integer");
        }
    }
    std::int64_t value = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || end != text.data() + text.size()) {
        throw std::runtime_error("column " + std::to_string(column) + " is not an integer");
    }
    return value;
}

std::int64_t Result::GetTimestampUs(int row, int column) const {
    const Oid type = PQftype(result_.get(), column);
    if (PQfformat(result_.get(), column) != 1 || (type != kTimestampTz && type != kTimestamp)) {
        throw std::runtime_error("column " + std::to_string(column) + " is not a binary timestamp");
    }
    return BigEndian(Get(row, column), 8) + kUsFrom1970To2000;
}

std::int64_t Result::GetDayNumber(int row, int column) const {
    if (PQfformat(result_.get(), column) != 1 || PQftype(result_.get(), column) != kDate) {
        throw std::runtime_error("column " + std::to_string(column) + " is not a binary date");
    }
    return BigEndian(Get(row, column), 4) + kDaysFrom1970To2000;
}

std::int64_t Result::AffectedRows() const {
    const char* text = result_ ? PQcmdTuples(result_.get()) : "";
    return *text ? std::stoll(text) : 0;
}

}  // namespace auditrail::pg
