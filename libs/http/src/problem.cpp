#include <auditrail/common/json.hpp>
#include <auditrail/http/problem.hpp>

namespace auditrail::http {

std::string_view StatusTitle(int status) {
    switch (status) {
        case 200: return "OK";
        case 201: return "Created";
        case 202: return "Accepted";
        case 204: return "No Content";
        case 400: return "Bad Request";
        case 401: return "Unauthorized";
        case 403: return "Forbidden";
        case 404: return "Not Found";
        case 405: return "Method Not Allowed";
        case 408: return "Request Timeout";
        case 409: return "Conflict";
        case 411: return "Length Required";
        case 413: return "Content Too Large";
        case 415: return "Unsupported Media Type";
        case 429: return "Too Many Requests";
        case 431: return "Request Header Fields Too Large";
        case 500: return "Internal Server Error";
        case 501: return "Not Implemented";
        case 503: return "Service Unavailable";
        default: return "Error";
    }
}

Response Problem(int status, std::string_view code, std::string_view detail, std::string_view extra_members) {
    using common::AppendJsonString;
    Response response;
    response.status = status;
    response.content_type = "application/problem+json";
    std::string& body = response.body;
    body = "{\"type\":\"about:blank\",\"title\":";
    AppendJsonString(body, StatusTitle(status));
    body += ",\"status\":" + std::to_string(status) + ",\"code\":";
    AppendJsonString(body, code);
    body += ",\"detail\":";
    AppendJsonString(body, detail);
    if (!extra_members.empty()) {
        body.push_back(',');
        body += extra_members;
    }
    body.push_back('}');
    return response;
}

}  // namespace auditrail::http
