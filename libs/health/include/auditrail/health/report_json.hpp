#pragma once

#include <auditrail/health/report.hpp>
#include <optional>
#include <string>
#include <vector>

namespace auditrail::health {

/// The body of `GET /v1/customers/{id}/health` (API.md §4): customer_id, as_of (UTC RFC 3339, `Z`),
/// score, band, components, signals, then score_30_days_ago when given.
std::string ToJson(const HealthReport& report, std::optional<int> score_30_days_ago = std::nullopt);
std::string ToJson(const HealthTrend& trend);

/// `{"name", "weight", "score", "inputs": {…}, "explanation"}`.
void AppendComponentJson(std::string& out, const Component& component);

/// A JSON array of `{"code", "severity", "message"}`, as in the health and at-risk answers.
void AppendSignalsJson(std::string& out, const std::vector<Signal>& signals);

}  // namespace auditrail::health
