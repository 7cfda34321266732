#pragma once

#include <auditrail/auth/claims.hpp>
#include <auditrail/http/problem.hpp>
#include <auditrail/http/response.hpp>
#include <utility>

#include "../database.hpp"

namespace auditrail::query {

/// 503 as a page: the database is busy or unreachable (`error` as WithDatabase throws it, its
/// Retry-After kept), and what to do next.
http::Response PageUnavailable(const auth::Claims& viewer, const http::HttpError& error,
                               std::string_view next_step = "Reload this page in a few seconds.");

/// Runs a page's database work `fn` (returning the page) through WithDatabase, so that a person sees a
/// 503 page rather than problem+json when the database is busy or gone. Anything else propagates.
template <class Fn>
http::Response PageWithDatabase(const auth::Claims& viewer, Fn&& fn) {
    try {
        return WithDatabase(std::forward<Fn>(fn));
    } catch (const http::HttpError& error) {
        if (error.status != 503) throw;
        return PageUnavailable(viewer, error);
    }
}

}  // namespace auditrail::query
