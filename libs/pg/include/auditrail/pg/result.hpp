#pragma once

#include <cstdint>
#include <memory>
#include <string_view>

struct pg_result;

namespace auditrail::pg {

/// Owns one PGresult. Text-format values; row and column indexes start at 0.
class Result {
public:
    Result() = default;
    explicit Result(pg_result* result);

    int Rows() const;
    int Columns() const;
    bool IsNull(int row, int column) const;
    std::string_view Get(int row, int column) const;
    std::int64_t GetInt(int row, int column) const;
    /// Rows affected by INSERT/UPDATE/DELETE/COPY.
    std::int64_t AffectedRows() const;

private:
    struct Deleter {
        void operator()(pg_result* result) const;
    };
    std::unique_ptr<pg_result, Deleter> result_;
};

}  // namespace auditrail::pg
