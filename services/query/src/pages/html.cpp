#include "html.hpp"

namespace auditrail::query {
namespace {

// One small style sheet for every page; system fonts, a single column on narrow screens.
constexpr std::string_view kStyle =
    "*{box-sizing:border-box}body{font-family:system-ui,-apple-system,'Segoe UI',sans-serif;margin:0;"
    "color:#1d2430;background:#f6f7f9;line-height:1.45}"
    "header{background:#1d2430;color:#fff;padding:.6em 1em;display:flex;flex-wrap:wrap;gap:1em;align-items:center}"
    "header a{color:#fff;text-decoration:none}header .brand{font-weight:600;margin-right:auto}"
    "header form{margin:0}header button{background:none;border:1px solid #fff8;color:#fff;padding:.2em .7em;"
    "border-radius:4px;cursor:pointer}"
    "main{max-width:72em;margin:0 auto;padding:1em}"
    "h1{font-size:1.5em;margin:.4em 0}h2{font-size:1.15em;margin:1.2em 0 .4em}"
    "section{background:#fff;border:1px solid #dde1e6;border-radius:6px;padding:.8em 1em;margin:.8em 0}"
    "table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:.35em .5em;"
    "border-bottom:1px solid #eceff2;vertical-align:top}th{font-weight:600;font-size:.9em;color:#555}"
    ".scroll{overflow-x:auto}"
    ".flash{padding:.6em 1em;border-radius:6px;margin:.6em 0}"
    ".flash-success{background:#e6f4ea;border:1px solid #7cc48f}"
    ".flash-error{background:#fde8e8;border:1px solid #e39a9a}"
    ".band{display:inline-block;padding:.1em .6em;border-radius:1em;font-size:.9em;font-weight:600}"
    ".band-healthy{background:#e6f4ea;color:#1e6b34}.band-watch{background:#fff4d6;color:#7a5a00}"
    ".band-at_risk{background:#fde8e8;color:#9b1c1c}"
    ".sev-critical{color:#9b1c1c;font-weight:600}.sev-warning{color:#7a5a00}.sev-info{color:#555}"
    ".muted{color:#667}.totals{display:flex;flex-wrap:wrap;gap:1em}.totals div{min-width:9em}"
    ".totals strong{display:block;font-size:1.4em}"
    "label{display:block;margin:.6em 0 .2em;font-weight:600}"
    "input,select,textarea{font:inherit;padding:.35em;width:100%;max-width:32em;border:1px solid #b8bfc7;"
    "border-radius:4px}button{font:inherit}"
    "form button[type=submit]{margin-top:.8em;padding:.4em 1.2em;border-radius:4px;border:1px solid #1d2430;"
    "background:#1d2430;color:#fff;cursor:pointer}"
    ".error{color:#9b1c1c}svg{max-width:100%;height:auto}"
    // Dashboard and customer pages.
    ".nowrap{white-space:nowrap}td[data-label=Data] code{font-size:.85em;word-break:break-all}"
    "ul.signals,ul.inputs{margin:0;padding-left:1.1em}.sev{text-transform:uppercase;font-size:.75em;margin-right:.3em}"
    "#score{font-size:1.8em;font-weight:700;margin-right:.3em}.score-line{margin:0}"
    "#score-chart{display:block;width:100%;max-width:60em}"
    // On a phone a table.stack becomes one block per row, each cell labelled by its data-label.
    "@media (max-width:40em){table.stack thead{display:none}table.stack tr{display:block;padding:.4em 0;"
    "border-bottom:1px solid #dde1e6}table.stack td{display:block;border:0;padding:.15em .3em}"
    "table.stack td:empty{display:none}"
    "table.stack td[data-label]::before{content:attr(data-label) ': ';font-weight:600;color:#555}}"
    "@media (max-width:40em){main{padding:.5em}th,td{padding:.3em}}";

}  // namespace

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

http::Response HtmlPage(int status, const PageFrame& frame, std::string_view content_html) {
    std::string body;
    body.reserve(content_html.size() + kStyle.size() + 1024);
    body += "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>";
    body += HtmlEscape(frame.title);
    body += " · auditrail</title><style>";
    body += kStyle;
    body += "</style></head><body><header><a class=\"brand\" href=\"/dashboard\">auditrail</a>";
    if (frame.viewer != nullptr) {
        body += "<a href=\"/dashboard\">Dashboard</a>";
        if (frame.viewer->HasScope("admin")) body += "<a href=\"/users\">Users</a>";
        body += "<a href=\"/account\">Account</a>";
        body += "<span class=\"muted\">" + HtmlEscape(frame.viewer->tenant) +
                "</span><form method=\"post\" action=\"/logout\"><button type=\"submit\">Sign out</button></form>";
    }
    body += "</header><main>";
    for (const auto& flash : frame.flashes) {
        const bool error = flash.kind == Flash::Kind::kError;
        body += error ? "<p class=\"flash flash-error\" role=\"alert\">" : "<p class=\"flash flash-success\" role=\"status\">";
        body += HtmlEscape(flash.text);
        body += "</p>";
    }
    body += content_html;
    body += "</main></body></html>\n";

    http::Response response;
    response.status = status;
    response.content_type = "text/html; charset=utf-8";
    response.body = std::move(body);
    response.With("Cache-Control", "no-store")
        .With("X-Frame-Options", "DENY")
        .With("X-Content-Type-Options", "nosniff")
        .With("Referrer-Policy", "same-origin")
        .With("Content-Security-Policy",
              "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; form-action 'self'; "
              "frame-ancestors 'none'; base-uri 'none'");
    return response;
}

http::Response RedirectTo(std::string_view location) {
    http::Response response;
    response.status = 303;
    response.content_type = "text/plain; charset=utf-8";
    response.With("Location", std::string(location)).With("Cache-Control", "no-store");
    return response;
}

}  // namespace auditrail::query
