#pragma once

#include <auditrail/http/request.hpp>
#include <auditrail/http/response.hpp>

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace auditrail::http {

class ResponseSlot;

/// How a handler answers: `Send` exactly once, from any thread, now or later (for example once a batch
/// has committed). A copyable handle; calls after the first are ignored.
class Responder {
public:
    explicit Responder(std::shared_ptr<ResponseSlot> slot) : slot_(std::move(slot)) {}
    /// A responder that hands the answer to `callback` (for unit tests of handlers; no server needed).
    explicit Responder(std::function<void(Response)> callback)
        : callback_(std::make_shared<std::function<void(Response)>>(std::move(callback))) {}

    void Send(Response response) const;

    /// What to answer when no `Send` came within the server's handler timeout. Called on the I/O thread;
    /// set it before the handler returns. Without one the answer is 503 `overloaded`.
    void OnTimeout(std::function<Response()> make_response) const;

private:
    std::shared_ptr<ResponseSlot> slot_;
    std::shared_ptr<std::function<void(Response)>> callback_;
};

using AsyncHandler = std::function<void(Request&, Responder)>;
using SyncHandler = std::function<Response(Request&)>;

/// Where a handler runs: on the I/O thread (it must not block), or on the server's worker pool
/// (database queries).
enum class Execution { kInline, kBlocking };

/// Judges a request by its head alone (no body yet), on the I/O thread, so it must not block: an answer it gives
/// is the request's answer, sent instead of `100 Continue` (Router::CheckHeads).
using HeadCheck = std::function<std::optional<Response>(const Request& head)>;

struct RouteMatch {
    const AsyncHandler* handler = nullptr;
    const HeadCheck* head_check = nullptr;  ///< the route's, if it has one
    Execution execution = Execution::kInline;
    std::string route;  ///< the pattern, used as the metrics label
    int status = 200;   ///< 404 or 405 when no handler matched
    std::string allow;  ///< for 405: the methods the path takes
};

/// The default answer to a request no route takes: problem+json 404, or 405 with `Allow`.
Response ProblemForUnmatched(const RouteMatch& match);

/// Every route in one table. Patterns are literal paths whose segments may be `{name}`, which match one
/// non-empty segment and are passed in `Request::path_params`.
class Router {
public:
    void Add(std::string method, std::string pattern, AsyncHandler handler, Execution execution = Execution::kInline);
    void Add(std::string method, std::string pattern, SyncHandler handler, Execution execution = Execution::kInline);

    /// Gives the route added as `method` `pattern` a check of its requests' heads. A request that asks
    /// `Expect: 100-continue` is told to send its body only if `check` answers nothing; otherwise it gets the check's
    /// answer and its body is never read (RFC 9110 §10.1.1), e.g. a 401 before a megabyte of events is uploaded.
    /// @throws std::logic_error when there is no such route.
    void CheckHeads(const std::string& method, const std::string& pattern, HeadCheck check);

    /// Finds the handler for the request and fills `request.path_params`.
    RouteMatch Match(Request& request) const;

    /// How a request that no route takes is answered (`match.status` 404 or 405, with `match.allow`). By default
    /// a problem+json, with `Allow` for a 405; a service with pages answers their paths in HTML.
    using UnmatchedAnswer = std::function<Response(const Request& request, const RouteMatch& match)>;
    void SetUnmatchedAnswer(UnmatchedAnswer answer) { unmatched_ = std::move(answer); }
    Response AnswerUnmatched(const Request& request, const RouteMatch& match) const;

private:
    struct Route {
        std::string method;
        std::string pattern;
        std::vector<std::string> segments;
        AsyncHandler handler;
        Execution execution;
        HeadCheck head_check = {};
    };
    std::vector<Route> routes_;
    UnmatchedAnswer unmatched_;
};

}  // namespace auditrail::http
