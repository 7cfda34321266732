#include "report.hpp"

#include <auditrail/common/json.hpp>

#include <cstdio>

namespace auditrail::load {
namespace {

std::string Fixed(double value, int decimals) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.*f", decimals, value);
    return buf;
}

double Ms(std::uint64_t ns) { return static_cast<double>(ns) / 1e6; }

std::string PercentileName(double percentile) {
    std::string name = Fixed(percentile, percentile == static_cast<int>(percentile) ? 0 : 1);
    for (char& c : name) {
        if (c == '.') c = '_';
    }
    return "p" + name;
}

double PerSecond(std::uint64_t count, double seconds) { return seconds > 0 ? static_cast<double>(count) / seconds : 0; }

/// `histogram`'s reported percentiles, max and mean in milliseconds: ` p50 1.000 ... max 9.000 mean 2.000` as text,
/// or `"p50":1.000,...,"max":9.000,"mean":2.000` as JSON members.
std::string Percentiles(const LatencyHistogram& histogram, bool json) {
    const auto item = [json](const std::string& name, double value) {
        return json ? "\"" + name + "\":" + Fixed(value, 3) + "," : " " + name + " " + Fixed(value, 3);
    };
    std::string out;
    for (double percentile : kReportedPercentiles) {
        out += item(PercentileName(percentile), Ms(histogram.ValueAtPercentile(percentile)));
    }
    out += item("max", Ms(histogram.Max())) + item("mean", histogram.Mean() / 1e6);
    if (json) out.pop_back();
    return out;
}

std::string Mode(const LoadOptions& options) {
    return options.rate > 0 ? "open loop at " + Fixed(options.rate, 1) + " requests/s" : "closed loop";
}

}  // namespace

std::string FormatText(const Report& report) {
    const LoadOptions& options = report.options;
    const RunStats& stats = report.result.stats;
    const double seconds = report.result.measured_seconds;
    std::string out = "auditrail-load: " + Mode(options) + ", " + std::to_string(options.connections) +
                      " connections on " + std::to_string(options.threads) + " threads, " +
                      std::to_string(options.generator.events_per_request) + " events/request, tenant " +
                      options.tenant + "\n";
    out +=
        "measured   " + Fixed(seconds, 2) + " s (after " + Fixed(options.warmup.count() / 1000.0, 1) + " s warm-up)\n";
    out += "requests   " + std::to_string(stats.requests) + " attempted, " + std::to_string(stats.ok_requests) +
           " answered 2xx";
    if (options.rate > 0) out += ", " + std::to_string(report.result.offered) + " offered in all";
    out += "\n";
    out += "throughput " + Fixed(PerSecond(stats.ok_requests, seconds), 1) + " requests/s, " +
           Fixed(PerSecond(stats.ok_events, seconds), 1) + " events/s\n";
    out += "latency ms" + Percentiles(stats.latency, false) + "\n";
    if (options.rate > 0) {
        out += "send lag ms" + Percentiles(stats.send_lag, false) + "\n";
        out += "  of which no free connection ms" + Percentiles(stats.connection_wait, false) + "\n";
    }
    std::string errors;
    for (const auto& [status, count] : stats.statuses) {
        if (status / 100 != 2) errors += " " + std::to_string(status) + ": " + std::to_string(count);
    }
    for (const auto& [kind, count] : stats.failures) errors += " " + kind + ": " + std::to_string(count);
    out += "errors    " + (errors.empty() ? std::string(" none") : errors) + "\n";
    if (report.result.unsent > 0) {
        out += "warning    " + std::to_string(report.result.unsent) +
               " scheduled requests were not sent before the run ended: the rate was not offered\n";
    }
    if (report.result.forced_stop) out += "warning    connections outlived the run and were stopped\n";
    if (!report.verify_error.empty()) out += "verify     FAILED: " + report.verify_error + "\n";
    if (report.verdict) {
        const Verdict& v = *report.verdict;
        out += std::string("verify     ") + (v.ok ? "OK" : "FAILED") + ": " + std::to_string(v.acknowledged) +
               " acknowledged, " + std::to_string(v.stored_once) + " stored once, " + std::to_string(v.missing) +
               " missing, " + std::to_string(v.duplicated) + " duplicated, " + std::to_string(v.unacknowledged) +
               " stored but not acknowledged";
        if (!v.ok) out += " — " + v.reason;
        out += "\n";
        for (const auto& id : v.sample_missing) out += "  missing    " + id + "\n";
        for (const auto& id : v.sample_duplicated) out += "  duplicated " + id + "\n";
    }
    return out;
}

std::string FormatJson(const Report& report) {
    const LoadOptions& options = report.options;
    const RunStats& stats = report.result.stats;
    const double seconds = report.result.measured_seconds;
    std::string out = "{\"mode\":";
    out += options.rate > 0 ? "\"open\"" : "\"closed\"";
    out += ",\"target\":";
    common::AppendJsonString(out, FormatTarget(options.host, options.port));
    out += ",\"tenant\":";
    common::AppendJsonString(out, options.tenant);
    out += ",\"connections\":" + std::to_string(options.connections);
    out += ",\"threads\":" + std::to_string(options.threads);
    out += ",\"events_per_request\":" + std::to_string(options.generator.events_per_request);
    out += ",\"rate\":" + Fixed(options.rate, 3);
    out += ",\"offered\":" + std::to_string(report.result.offered);
    out += ",\"unsent\":" + std::to_string(report.result.unsent);
    out += ",\"duration_s\":" + Fixed(options.duration.count() / 1000.0, 3);
    out += ",\"warmup_s\":" + Fixed(options.warmup.count() / 1000.0, 3);
    out += ",\"measured_s\":" + Fixed(seconds, 3);
    out += ",\"requests\":" + std::to_string(stats.requests);
    out += ",\"ok_requests\":" + std::to_string(stats.ok_requests);
    out += ",\"ok_events\":" + std::to_string(stats.ok_events);
    out += ",\"requests_per_s\":" + Fixed(PerSecond(stats.ok_requests, seconds), 1);
    out += ",\"events_per_s\":" + Fixed(PerSecond(stats.ok_events, seconds), 1);
    out += ",\"latency_ms\":{" + Percentiles(stats.latency, true) + "}";
    if (options.rate > 0) {
        out += ",\"send_lag_ms\":{" + Percentiles(stats.send_lag, true) + "}";
        out += ",\"connection_wait_ms\":{" + Percentiles(stats.connection_wait, true) + "}";
    }
    out += ",\"statuses\":{";
    bool first = true;
    for (const auto& [status, count] : stats.statuses) {
        out += (first ? "\"" : ",\"") + std::to_string(status) + "\":" + std::to_string(count);
        first = false;
    }
    out += "},\"failures\":{";
    first = true;
    for (const auto& [kind, count] : stats.failures) {
        if (!first) out += ",";
        common::AppendJsonString(out, kind);
        out += ":" + std::to_string(count);
        first = false;
    }
    out += "},\"events_per_second\":[";
    for (std::size_t i = 0; i < stats.seconds.size(); ++i) {
        if (i) out += ",";
        out += std::to_string(stats.seconds[i].events);
    }
    out += "],\"max_latency_ms_per_second\":[";
    for (std::size_t i = 0; i < stats.seconds.size(); ++i) {
        if (i) out += ",";
        out += Fixed(Ms(stats.seconds[i].max_latency_ns), 1);
    }
    out += "],\"forced_stop\":";
    out += report.result.forced_stop ? "true" : "false";
    out += ",\"verify\":";
    if (!report.verify_error.empty()) {
        out += "{\"ok\":false,\"error\":";
        common::AppendJsonString(out, report.verify_error);
        out += "}";
    } else if (report.verdict) {
        const Verdict& v = *report.verdict;
        out += std::string("{\"ok\":") + (v.ok ? "true" : "false");
        out += ",\"acknowledged\":" + std::to_string(v.acknowledged);
        out += ",\"acknowledged_twice\":" + std::to_string(v.acknowledged_twice);
        out += ",\"stored_once\":" + std::to_string(v.stored_once);
        out += ",\"missing\":" + std::to_string(v.missing);
        out += ",\"duplicated\":" + std::to_string(v.duplicated);
        out += ",\"unacknowledged\":" + std::to_string(v.unacknowledged);
        out += ",\"reason\":";
        common::AppendJsonString(out, v.reason);
        out += "}";
    } else {
        out += "null";
    }
    out += "}\n";
    return out;
}

}  // namespace auditrail::load
