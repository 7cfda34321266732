#include "page_database.hpp"

#include "html.hpp"

namespace auditrail::query {

http::Response PageUnavailable(const auth::Claims& viewer, const http::HttpError& error) {
    auto page = HtmlPage(503, {.title = "Try again shortly", .viewer = &viewer, .flashes = {}},
                         "<section><h1>Try again shortly</h1><p>" + HtmlEscape(error.detail) +
                             "</p><p>Reload this page in a few seconds.</p></section>");
    for (const auto& [name, value] : error.headers) page.With(name, value);
    return page;
}

}  // namespace auditrail::query
