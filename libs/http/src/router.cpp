#include <auditrail/http/problem.hpp>
#include <auditrail/http/router.hpp>

#include <stdexcept>

namespace auditrail::http {
namespace {

std::vector<std::string> SplitPath(std::string_view path) {
    std::vector<std::string> segments;
    std::size_t start = 1;
    while (start <= path.size()) {
        std::size_t end = path.find('/', start);
        if (end == std::string_view::npos) end = path.size();
        segments.emplace_back(path.substr(start, end - start));
        start = end + 1;
    }
    return segments;
}

bool Matches(const std::vector<std::string>& pattern, const std::vector<std::string>& path,
             std::vector<std::string>* params) {
    if (pattern.size() != path.size()) return false;
    std::vector<std::string> found;
    for (std::size_t i = 0; i < pattern.size(); ++i) {
        const std::string& want = pattern[i];
        if (want.size() > 2 && want.front() == '{' && want.back() == '}') {
            if (path[i].empty()) return false;
            found.push_back(path[i]);
        } else if (want != path[i]) {
            return false;
        }
    }
    if (params) *params = std::move(found);
    return true;
}

}  // namespace

void Router::Add(std::string method, std::string pattern, AsyncHandler handler, Execution execution) {
    auto segments = SplitPath(pattern);
    routes_.push_back(Route{std::move(method), std::move(pattern), std::move(segments), std::move(handler), execution});
}

void Router::CheckHeads(const std::string& method, const std::string& pattern, HeadCheck check) {
    for (auto& route : routes_) {
        if (route.method == method && route.pattern == pattern) {
            route.head_check = std::move(check);
            return;
        }
    }
    throw std::logic_error("CheckHeads: no route " + method + " " + pattern);
}

void Router::Add(std::string method, std::string pattern, SyncHandler handler, Execution execution) {
    Add(std::move(method), std::move(pattern),
        AsyncHandler([handler = std::move(handler)](Request& request, Responder responder) {
            responder.Send(handler(request));
        }),
        execution);
}

RouteMatch Router::Match(Request& request) const {
    RouteMatch match;
    const auto path = SplitPath(request.path);
    // Literal routes win over patterned ones (`/v1/events/export` before `/v1/events/{id}`): two passes.
    for (int pass = 0; pass < 2; ++pass) {
        for (const auto& route : routes_) {
            const bool literal = route.pattern.find('{') == std::string::npos;
            if (literal != (pass == 0)) continue;
            std::vector<std::string> params;
            if (!Matches(route.segments, path, &params)) continue;
            if (route.method != request.method && !(request.method == "HEAD" && route.method == "GET")) {
                // A GET route answers HEAD too (below), so Allow names both.
                for (const std::string& method : {route.method, std::string(route.method == "GET" ? "HEAD" : "")}) {
                    if (method.empty() || match.allow.find(method) != std::string::npos) continue;
                    match.allow += match.allow.empty() ? method : ", " + method;
                }
                match.route = route.pattern;
                continue;
            }
            request.path_params = std::move(params);
            match.handler = &route.handler;
            match.head_check = route.head_check ? &route.head_check : nullptr;
            match.execution = route.execution;
            match.route = route.pattern;
            match.allow.clear();
            return match;
        }
    }
    match.status = match.allow.empty() ? 404 : 405;
    if (match.route.empty()) match.route = "unmatched";
    return match;
}

Response ProblemForUnmatched(const RouteMatch& match) {
    if (match.status == 405) {
        return Problem(405, "method_not_allowed", "this path takes " + match.allow).With("Allow", match.allow);
    }
    return Problem(404, "not_found", "no such route");
}

Response Router::AnswerUnmatched(const Request& request, const RouteMatch& match) const {
    return unmatched_ ? unmatched_(request, match) : ProblemForUnmatched(match);
}

}  // namespace auditrail::http
