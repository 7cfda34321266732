#include <auditrail/common/json.hpp>
#include <auditrail/events/time.hpp>
#include <auditrail/health/report_json.hpp>

#include "text.hpp"

namespace auditrail::health {

using common::AppendJsonString;
using internal::FormatNumber;

void AppendComponentJson(std::string& out, const Component& component) {
    out += "{\"name\":";
    AppendJsonString(out, component.name);
    out += ",\"weight\":";
    out += FormatNumber(component.weight);
    out += ",\"score\":";
    out += FormatNumber(component.score);
    out += ",\"inputs\":{";
    for (std::size_t i = 0; i < component.inputs.size(); ++i) {
        if (i > 0) out += ',';
        AppendJsonString(out, component.inputs[i].name);
        out += ':';
        out += FormatNumber(component.inputs[i].value);
    }
    out += "},\"explanation\":";
    AppendJsonString(out, component.explanation);
    out += '}';
}

void AppendSignalsJson(std::string& out, const std::vector<Signal>& signals) {
    out += '[';
    for (std::size_t i = 0; i < signals.size(); ++i) {
        if (i > 0) out += ',';
        out += "{\"code\":";
        AppendJsonString(out, signals[i].code);
        out += ",\"severity\":";
        AppendJsonString(out, SeverityName(signals[i].severity));
        out += ",\"message\":";
        AppendJsonString(out, signals[i].message);
        out += '}';
    }
    out += ']';
}

std::string ToJson(const HealthReport& report, std::optional<int> score_30_days_ago) {
    std::string out = "{\"customer_id\":";
    out += std::to_string(report.customer_id);
    out += ",\"as_of\":";
    AppendJsonString(out, events::FormatRfc3339(report.as_of));
    out += ",\"score\":";
    out += std::to_string(report.score);
    out += ",\"band\":";
    AppendJsonString(out, BandName(report.band));
    out += ",\"components\":[";
    for (std::size_t i = 0; i < report.components.size(); ++i) {
        if (i > 0) out += ',';
        AppendComponentJson(out, report.components[i]);
    }
    out += "],\"signals\":";
    AppendSignalsJson(out, report.signals);
    if (score_30_days_ago) {
        out += ",\"score_30_days_ago\":";
        out += std::to_string(*score_30_days_ago);
    }
    out += '}';
    return out;
}

std::string ToJson(const HealthTrend& trend) { return ToJson(trend.report, trend.score_30_days_ago); }

}  // namespace auditrail::health
