// The 90-day score chart as SVG text: a pure function, checked without a browser.
#include <catch2/catch.hpp>
#include <regex>
#include <src/pages/score_chart.hpp>
#include <string>

namespace auditrail::query {
namespace {

/// 2026-08-26 .. 2026-11-23 when 90 days long.
constexpr std::int64_t kFirstDay = 20691;

std::size_t Occurrences(const std::string& text, const std::string& part) {
    std::size_t count = 0;
    for (auto at = text.find(part); at != std::string::npos; at = text.find(part, at + part.size())) ++count;
    return count;
}

/// The `points` of every polyline, in order.
std::vector<std::string> Polylines(const std::string& svg) {
    std::vector<std::string> out;
    const std::regex pattern("<polyline[^>]* points=\"([^\"]*)\"");
    for (std::sregex_iterator it(svg.begin(), svg.end(), pattern), end; it != end; ++it) out.push_back((*it)[1]);
    return out;
}

ScoreChart Chart(std::vector<std::optional<int>> scores) {
    ScoreChart chart;
    chart.first_day = kFirstDay;
    chart.scores = std::move(scores);
    chart.title = "Health score of customer 7";
    return chart;
}

}  // namespace

TEST_CASE("day numbers print as UTC dates", "[pages]") {
    CHECK(DayText(0) == "1970-01-01");
    CHECK(DayText(kFirstDay) == "2026-08-26");
    CHECK(DayText(kFirstDay + 89) == "2026-11-23");
}

TEST_CASE("the chart is one accessible svg with a title, a description and the dates of its ends", "[pages]") {
    std::vector<std::optional<int>> scores(90, 60);
    scores.back() = 42;
    const std::string svg = ScoreChartSvg(Chart(scores));
    CHECK(svg.rfind("<svg id=\"score-chart\"", 0) == 0);
    CHECK(svg.find("role=\"img\"") != std::string::npos);
    CHECK(svg.find("aria-labelledby=\"score-chart-title score-chart-desc\"") != std::string::npos);
    CHECK(svg.find("<title id=\"score-chart-title\">Health score of customer 7</title>") != std::string::npos);
    CHECK(svg.find("<desc id=\"score-chart-desc\">One score per UTC day from 2026-08-26 to 2026-11-23.") !=
          std::string::npos);
    CHECK(svg.find("Lowest 42 on 2026-11-23, highest 60 on 2026-08-26. Latest 42.") != std::string::npos);
    CHECK(svg.find(">2026-08-26</text>") != std::string::npos);
    CHECK(svg.find(">2026-11-23</text>") != std::string::npos);
    CHECK(svg.find("<script") == std::string::npos);
    CHECK(svg.find("href") == std::string::npos);
    CHECK(svg.substr(svg.size() - 6) == "</svg>");
    // One unbroken line of 90 points, the last one lower (y grows downwards) than the others.
    const auto lines = Polylines(svg);
    REQUIRE(lines.size() == 1);
    CHECK(Occurrences(lines[0], ",") == 90);
    CHECK(lines[0].rfind("44.0,88.8", 0) == 0);                     // day 1: score 60
    CHECK(lines[0].substr(lines[0].size() - 11) == "628.0,123.4");  // day 90: score 42
}

TEST_CASE("band edges are dashed lines at the configured scores, with axis labels", "[pages]") {
    auto chart = Chart(std::vector<std::optional<int>>(90, 80));
    chart.watch_min = 40;
    chart.healthy_min = 75;
    const std::string svg = ScoreChartSvg(chart);
    // y = 204 - 1.92 × score.
    CHECK(svg.find("data-edge=\"watch\" x1=\"44.0\" x2=\"628.0\" y1=\"127.2\" y2=\"127.2\"") != std::string::npos);
    CHECK(svg.find("data-edge=\"healthy\" x1=\"44.0\" x2=\"628.0\" y1=\"60.0\" y2=\"60.0\"") != std::string::npos);
    for (const char* label : {">0</text>", ">40</text>", ">75</text>", ">100</text>"}) {
        CHECK(svg.find(label) != std::string::npos);
    }
    CHECK(svg.find("Band edges at 40 (watch) and 75 (healthy).") != std::string::npos);
}

TEST_CASE("days without a score are gaps: each run of scored days is its own line, a lone day a dot", "[pages]") {
    std::vector<std::optional<int>> scores(90);
    for (int day = 30; day < 50; ++day) scores[day] = 70;
    scores[60] = 20;
    for (int day = 70; day < 90; ++day) scores[day] = 30;
    const std::string svg = ScoreChartSvg(Chart(scores));
    const auto lines = Polylines(svg);
    REQUIRE(lines.size() == 2);
    CHECK(Occurrences(lines[0], ",") == 20);
    CHECK(Occurrences(lines[1], ",") == 20);
    CHECK(Occurrences(svg, "<circle class=\"score-point\"") == 1);
    CHECK(svg.find("No score before 2026-09-25, the customer&#39;s first event.") != std::string::npos);
}

TEST_CASE("a chart without any score draws no line and says why", "[pages]") {
    const std::string svg = ScoreChartSvg(Chart(std::vector<std::optional<int>>(90)));
    CHECK(Polylines(svg).empty());
    CHECK(svg.find("<circle") == std::string::npos);
    CHECK(svg.find("No score on any of these days: the customer had no event yet.") != std::string::npos);
}

TEST_CASE("the chart's title is escaped", "[pages]") {
    auto chart = Chart(std::vector<std::optional<int>>(90, 50));
    chart.title = "<script>alert(1)</script> & \"x\"";
    const std::string svg = ScoreChartSvg(chart);
    CHECK(svg.find("<script>") == std::string::npos);
    CHECK(svg.find("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;x&quot;") != std::string::npos);
}

}  // namespace auditrail::query
