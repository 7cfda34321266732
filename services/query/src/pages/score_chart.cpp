#include "score_chart.hpp"

#include <algorithm>
#include <cstdio>
#include <ctime>

#include "html.hpp"

namespace auditrail::query {
namespace {

// The drawing area inside a 640×240 view box; the svg scales to its container's width.
constexpr double kLeft = 44;
constexpr double kRight = 628;
constexpr double kTop = 12;
constexpr double kBottom = 204;

std::string Number(double value) {
    char text[32];
    std::snprintf(text, sizeof text, "%.1f", value);
    return text;
}

double X(std::size_t index, std::size_t count) {
    if (count < 2) return (kLeft + kRight) / 2;
    return kLeft + (kRight - kLeft) * static_cast<double>(index) / static_cast<double>(count - 1);
}

double Y(int score) { return kBottom - (kBottom - kTop) * std::clamp(score, 0, 100) / 100.0; }

std::string Point(std::size_t index, std::size_t count, int score) {
    return Number(X(index, count)) + "," + Number(Y(score));
}

/// The words behind the line, for screen readers (and anyone who prefers a sentence).
std::string Description(const ScoreChart& chart) {
    const std::size_t n = chart.scores.size();
    if (n == 0) return "No days to show.";
    std::string text = "One score per UTC day from " + DayText(chart.first_day) + " to " +
                       DayText(chart.first_day + static_cast<std::int64_t>(n) - 1) + ". ";
    std::optional<std::size_t> first_scored;
    std::size_t lowest = 0;
    std::size_t highest = 0;
    for (std::size_t i = 0; i < n; ++i) {
        if (!chart.scores[i]) continue;
        if (!first_scored) {
            first_scored = i;
            lowest = highest = i;
        }
        if (*chart.scores[i] < *chart.scores[lowest]) lowest = i;
        if (*chart.scores[i] > *chart.scores[highest]) highest = i;
    }
    if (!first_scored) return text + "No score on any of these days: the customer had no event yet.";
    const auto day = [&](std::size_t i) { return DayText(chart.first_day + static_cast<std::int64_t>(i)); };
    if (*first_scored > 0) text += "No score before " + day(*first_scored) + ", the customer's first event. ";
    text += "Lowest " + std::to_string(*chart.scores[lowest]) + " on " + day(lowest) + ", highest " +
            std::to_string(*chart.scores[highest]) + " on " + day(highest) + ".";
    if (chart.scores.back()) text += " Latest " + std::to_string(*chart.scores.back()) + ".";
    text += " Band edges at " + std::to_string(chart.watch_min) + " (watch) and " + std::to_string(chart.healthy_min) +
            " (healthy).";
    return text;
}

void AppendEdge(std::string& svg, std::string_view name, int score) {
    const std::string y = Number(Y(score));
    svg += "<line class=\"band-edge\" data-edge=\"";
    svg += name;
    svg += "\" x1=\"" + Number(kLeft) + "\" x2=\"" + Number(kRight) + "\" y1=\"" + y + "\" y2=\"" + y +
           "\" stroke=\"#8a94a3\" stroke-dasharray=\"5 4\"/>";
}

void AppendYLabel(std::string& svg, int score) {
    svg += "<text x=\"" + Number(kLeft - 6) + "\" y=\"" + Number(Y(score) + 4) + "\" text-anchor=\"end\">" +
           std::to_string(score) + "</text>";
}

void AppendXLabel(std::string& svg, const ScoreChart& chart, std::size_t index, std::string_view anchor) {
    svg +=
        "<text x=\"" + Number(X(index, chart.scores.size())) + "\" y=\"" + Number(kBottom + 20) + "\" text-anchor=\"";
    svg += anchor;
    svg += "\">" + DayText(chart.first_day + static_cast<std::int64_t>(index)) + "</text>";
}

/// One polyline per run of consecutive days with a score; a lone day is a dot.
void AppendSeries(std::string& svg, const ScoreChart& chart) {
    const std::size_t n = chart.scores.size();
    std::size_t i = 0;
    while (i < n) {
        if (!chart.scores[i]) {
            ++i;
            continue;
        }
        std::size_t end = i;
        while (end < n && chart.scores[end]) ++end;
        if (end - i == 1) {
            svg += "<circle class=\"score-point\" cx=\"" + Number(X(i, n)) + "\" cy=\"" + Number(Y(*chart.scores[i])) +
                   "\" r=\"3\" fill=\"#1d4ed8\"/>";
        } else {
            svg +=
                "<polyline class=\"score-line\" fill=\"none\" stroke=\"#1d4ed8\" stroke-width=\"2\" "
                "stroke-linejoin=\"round\" points=\"";
            for (std::size_t j = i; j < end; ++j) {
                if (j > i) svg.push_back(' ');
                svg += Point(j, n, *chart.scores[j]);
            }
            svg += "\"/>";
        }
        i = end;
    }
}

}  // namespace

std::string DayText(std::int64_t day) {
    const std::time_t seconds = static_cast<std::time_t>(day) * 86400;
    std::tm parts{};
    gmtime_r(&seconds, &parts);
    char text[16];
    std::strftime(text, sizeof text, "%Y-%m-%d", &parts);
    return text;
}

std::string ScoreChartSvg(const ScoreChart& chart) {
    std::string svg =
        "<svg id=\"score-chart\" viewBox=\"0 0 640 240\" role=\"img\" aria-labelledby=\"score-chart-title "
        "score-chart-desc\" xmlns=\"http://www.w3.org/2000/svg\" font-size=\"12\" fill=\"#445\">";
    svg += "<title id=\"score-chart-title\">" + HtmlEscape(chart.title) + "</title>";
    svg += "<desc id=\"score-chart-desc\">" + HtmlEscape(Description(chart)) + "</desc>";
    // The band areas, faintly, behind everything else.
    const auto band = [&](int high, int low, std::string_view colour) {
        if (high <= low) return;
        svg += "<rect x=\"" + Number(kLeft) + "\" y=\"" + Number(Y(high)) + "\" width=\"" + Number(kRight - kLeft) +
               "\" height=\"" + Number(Y(low) - Y(high)) + "\" fill=\"";
        svg += colour;
        svg += "\"/>";
    };
    band(100, chart.healthy_min, "#eef8f1");
    band(chart.healthy_min, chart.watch_min, "#fff9e8");
    band(chart.watch_min, 0, "#fdf0f0");
    svg += "<line class=\"axis\" x1=\"" + Number(kLeft) + "\" x2=\"" + Number(kLeft) + "\" y1=\"" + Number(kTop) +
           "\" y2=\"" + Number(kBottom) + "\" stroke=\"#445\"/>";
    svg += "<line class=\"axis\" x1=\"" + Number(kLeft) + "\" x2=\"" + Number(kRight) + "\" y1=\"" + Number(kBottom) +
           "\" y2=\"" + Number(kBottom) + "\" stroke=\"#445\"/>";
    AppendEdge(svg, "watch", chart.watch_min);
    AppendEdge(svg, "healthy", chart.healthy_min);
    // 0 and 100, and each band edge once.
    std::vector<int> ticks = {0, 100};
    for (const int edge : {chart.watch_min, chart.healthy_min}) {
        if (std::find(ticks.begin(), ticks.end(), edge) == ticks.end()) ticks.push_back(edge);
    }
    for (const int score : ticks) AppendYLabel(svg, score);
    if (!chart.scores.empty()) {
        AppendXLabel(svg, chart, 0, "start");
        if (chart.scores.size() > 2) AppendXLabel(svg, chart, chart.scores.size() / 2, "middle");
        if (chart.scores.size() > 1) AppendXLabel(svg, chart, chart.scores.size() - 1, "end");
    }
    AppendSeries(svg, chart);
    svg += "</svg>";
    return svg;
}

}  // namespace auditrail::query
