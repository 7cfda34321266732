#include "page_database.hpp"

#include "html.hpp"

namespace auditrail::query {

http::Response PageUnavailable(const auth::Claims& viewer, const http::HttpError& error, std::string_view next_step) {
    auto page = HtmlPage(503, {.title = "Try again shortly", .viewer = &viewer, .flashes = {}},
                         "<section><h1>Try again shortly</h1><p>" + HtmlEscape(error.detail) + "</p><p>" +
                             HtmlEscape(next_step) + "</p></section>");
    for (const auto& [name, value] : error.headers) page.With(name, value);
    return page;
}

}  // namespace auditrail::query
