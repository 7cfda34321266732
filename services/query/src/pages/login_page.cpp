#include "login_page.hpp"

#include "html.hpp"

namespace auditrail::query {

http::Response LoginPage(int status, std::string_view error, std::string_view email) {
    PageFrame frame{.title = "Sign in"};
    if (!error.empty()) frame.flashes.push_back({Flash::Kind::kError, std::string(error)});
    const std::string content =
        "<section style=\"max-width:26em;margin:2em auto\"><h1>Sign in</h1>"
        "<form method=\"post\" action=\"/login\">"
        "<label for=\"email\">Email</label><input id=\"email\" name=\"email\" type=\"email\" required "
        "autocomplete=\"username\" value=\"" +
        HtmlEscape(email) +
        "\"><label for=\"password\">Password</label><input id=\"password\" name=\"password\" type=\"password\" "
        "required autocomplete=\"current-password\"><button type=\"submit\">Sign in</button></form></section>";
    return HtmlPage(status, frame, content);
}

}  // namespace auditrail::query
