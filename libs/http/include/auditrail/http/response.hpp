#pragma once

#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace auditrail::http {

/// Produces a streamed body piece by piece (chunked transfer encoding). `Next` is called on a worker
/// thread, never an I/O thread; it returns false when the body is complete. `Cancel` is called when the
/// client went away, so that the producer can stop its query.
class BodyStream {
public:
    virtual ~BodyStream() = default;
    virtual bool Next(std::string& chunk) = 0;
    virtual void Cancel() {}
};

struct Response {
    int status = 200;
    std::string content_type = "application/json";
    std::string body;
    std::vector<std::pair<std::string, std::string>> headers;  ///< extra headers (Retry-After, ...)
    std::shared_ptr<BodyStream> stream;  ///< when set, the body is streamed instead of `body`
    std::shared_ptr<const void> hold;     ///< kept until the answer is sent (a share of a memory budget, say)

    Response& With(std::string name, std::string value) {
        headers.emplace_back(std::move(name), std::move(value));
        return *this;
    }
};

/// A JSON answer.
inline Response Json(int status, std::string body) {
    Response response;
    response.status = status;
    response.body = std::move(body);
    return response;
}

}  // namespace auditrail::http
