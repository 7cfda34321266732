#pragma once

#include <auditrail/http/response.hpp>

#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace auditrail::http {

/// An application/problem+json (RFC 9457) answer with our stable `code`.
/// `extra_members` is "" or JSON members to add, without braces: `"errors":[...]`.
Response Problem(int status, std::string_view code, std::string_view detail, std::string_view extra_members = {});

/// The standard reason phrase for a status ("Bad Request").
std::string_view StatusTitle(int status);

/// Thrown by handlers for an expected failure; the session turns it into problem+json.
struct HttpError : std::runtime_error {
    HttpError(int status, std::string code, std::string detail, std::string extra_members = {})
        : std::runtime_error(detail),
          status(status),
          code(std::move(code)),
          detail(std::move(detail)),
          extra_members(std::move(extra_members)) {}

    Response ToResponse() const {
        Response response = Problem(status, code, detail, extra_members);
        for (const auto& [name, value] : headers) response.With(name, value);
        return response;
    }

    int status;
    std::string code;
    std::string detail;
    std::string extra_members;
    std::vector<std::pair<std::string, std::string>> headers;  ///< e.g. WWW-Authenticate, Retry-After
};

}  // namespace auditrail::http
