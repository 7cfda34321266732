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

std::int64_t Result::GetInt(int row, int column) const {
    const auto text = Get(row, column);
    std::int64_t value = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || end != text.data() + text.size()) {
        throw std::runtime_error("column " + std::to_string(column) + " is not an integer");
    }
    return value;
}

std::int64_t Result::AffectedRows() const {
    const char* text = result_ ? PQcmdTuples(result_.get()) : "";
    return *text ? std::stoll(text) : 0;
}

}  // namespace auditrail::pg
