#pragma once

#include <cstdint>
#include <memory>
#include <string_view>

struct pg_result;

namespace auditrail::pg {

/// Owns one PGresult; row and column indexes start at 0. Values are text, or binary from Connection::ExecBinary.
class Result {
public:
    Result() = default;
    explicit Result(pg_result* result);

    int Rows() const;
    int Columns() const;
    bool IsNull(int row, int column) const;
    /// The value's bytes: its text, or in a binary result its binary form (the same bytes for `text` columns).
    std::string_view Get(int row, int column) const;
    /// An integer column: text, or binary smallint, integer or bigint.
    std::int64_t GetInt(int row, int column) const;
    /// Microseconds since 1970 of a binary `timestamptz` (or `timestamp`) column.
    std::int64_t GetTimestampUs(int row, int column) const;
    /// Days since 1970-01-01 of a binary `date` column.
    std::int64_t GetDayNumber(int row, int column) const;
    /// Rows affected by INSERT/UPDATE/DELETE/COPY.
    std::int64_t AffectedRows() const;

private:
    struct Deleter {
        void operator()(pg_result* result) const;
    };
    std::unique_ptr<pg_result, Deleter> result_;
};

}  // namespace auditrail::pg
