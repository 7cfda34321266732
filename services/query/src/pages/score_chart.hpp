#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace auditrail::query {

/// What the 90-day score chart draws: one score per UTC day, oldest first.
struct ScoreChart {
    std::int64_t first_day = 0;              ///< UTC day (days since 1970-01-01) of `scores[0]`
    std::vector<std::optional<int>> scores;  ///< 0–100; nothing (a gap) on days before the first event
    int watch_min = 50;                      ///< band edge drawn as a line (HealthSettings)
    int healthy_min = 70;                    ///< band edge drawn as a line (HealthSettings)
    std::string title;                       ///< the accessible name, e.g. "Health score of customer 5001"
};

/// The chart as an inline `<svg id="score-chart">` (no script, no external reference): a line per run of
/// days with a score, gaps where there is none, y axis 0–100 with the band edges, dates on the x axis,
/// and a `<title>`/`<desc>` that say in words what the line shows. Every text in it is HTML-escaped.
std::string ScoreChartSvg(const ScoreChart& chart);

/// "2026-11-23" for a UTC day number.
std::string DayText(std::int64_t day);

}  // namespace auditrail::query
