#pragma once

#include <auditrail/http/problem.hpp>
#include <auditrail/pg/errors.hpp>
#include <auditrail/pg/pool.hpp>
#include <utility>

namespace auditrail::query {

/// 57014: the statement ran past statement_timeout (or was cancelled).
inline constexpr std::string_view kQueryCanceled = "57014";

/// Runs `fn` (database work) and turns the expected database failures into answers: no free connection
/// → 503 overloaded, database gone → 503 database_unavailable, statement timeout → 503 overloaded; each
/// with Retry-After. Any other QueryError is a bug of ours and stays a 500.
template <class Fn>
auto WithDatabase(Fn&& fn) {
    const auto unavailable = [](std::string code, std::string detail) {
        http::HttpError error(503, std::move(code), std::move(detail));
        error.headers.emplace_back("Retry-After", "2");
        return error;
    };
    try {
        return std::forward<Fn>(fn)();
    } catch (const pg::PoolTimeout&) {
        throw unavailable("overloaded", "every database connection is busy; try again shortly");
    } catch (const pg::ConnectionError&) {
        throw unavailable("database_unavailable", "the database is unreachable");
    } catch (const pg::QueryError& error) {
        if (error.sqlstate() != kQueryCanceled) throw;
        throw unavailable("overloaded", "the query took too long; narrow the time range or add filters");
    }
}

}  // namespace auditrail::query
