#include "login_page.hpp"

namespace auditrail::query {

std::string HtmlEscape(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (const char c : text) {
        switch (c) {
            case '&':
                out += "&amp;";
                break;
            case '<':
                out += "&lt;";
                break;
            case '>':
                out += "&gt;";
                break;
            case '"':
                out += "&quot;";
                break;
            case '\'':
                out += "&#39;";
                break;
            default:
                out.push_back(c);
        }
    }
    return out;
}

http::Response LoginPage(int status, std::string_view error, std::string_view email) {
    std::string body =
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Sign in · auditrail</title>"
        "<style>body{font-family:sans-serif;max-width:22em;margin:4em auto}label,input,button{display:block;"
        "width:100%;margin:.3em 0}.error{color:#a00}</style></head><body><h1>Sign in</h1>";
    if (!error.empty()) body += "<p class=\"error\" role=\"alert\">" + HtmlEscape(error) + "</p>";
    body +=
        "<form method=\"post\" action=\"/login\">"
        "<label for=\"email\">Email</label><input id=\"email\" name=\"email\" type=\"email\" required "
        "autocomplete=\"username\" value=\"" +
        HtmlEscape(email) +
        "\"><label for=\"password\">Password</label><input id=\"password\" name=\"password\" type=\"password\" "
        "required autocomplete=\"current-password\"><button type=\"submit\">Sign in</button></form></body></html>\n";
    http::Response response;
    response.status = status;
    response.content_type = "text/html; charset=utf-8";
    response.body = std::move(body);
    response.With("Cache-Control", "no-store")
        .With("X-Frame-Options", "DENY")
        .With("Content-Security-Policy",
              "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; "
              "frame-ancestors 'none'");
    return response;
}

}  // namespace auditrail::query
