#pragma once

#include <auditrail/http/router.hpp>

#include <functional>
#include <string>

namespace auditrail::common {
class MetricsRegistry;
}

namespace auditrail::http {

/// `GET /healthz` (alive), `GET /readyz` (200, or 503 with the reason `not_ready_reason` gives; "" means
/// ready) and `GET /metrics` (Prometheus text 0.0.4), served alike by every service.
/// `not_ready_reason` may block (it may ask the database), so /readyz runs on the worker pool.
void AddOperationalRoutes(Router& router, const common::MetricsRegistry& metrics,
                          std::function<std::string()> not_ready_reason);

}  // namespace auditrail::http
