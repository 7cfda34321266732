#include <auditrail/common/json.hpp>
#include <auditrail/common/metrics.hpp>
#include <auditrail/http/operational_routes.hpp>
#include <auditrail/http/problem.hpp>

namespace auditrail::http {

void AddOperationalRoutes(Router& router, const common::MetricsRegistry& metrics,
                          std::function<std::string()> not_ready_reason) {
    router.Add("GET", "/healthz", SyncHandler([](Request&) { return Json(200, R"({"status":"ok"})"); }));
    router.Add(
        "GET", "/readyz",
        SyncHandler([reason_of = std::move(not_ready_reason)](Request&) -> Response {
            const std::string reason = reason_of();
            if (reason.empty()) return Json(200, R"({"status":"ready"})");
            return Json(503, "{\"status\":\"not_ready\",\"reason\":" + common::JsonString(reason) + "}")
                .With("Retry-After", "1");
        }),
        Execution::kBlocking);
    router.Add("GET", "/metrics", SyncHandler([&metrics](Request&) {
                   Response response;
                   response.content_type = "text/plain; version=0.0.4; charset=utf-8";
                   response.body = metrics.Render();
                   return response;
               }));
}

}  // namespace auditrail::http
