#include "run_window.hpp"

#include <algorithm>
#include <cmath>

namespace auditrail::load {

Clock::time_point RunEnd(const RunTimes& times) {
    if (times.request_bound_reached || times.deadline == Clock::time_point::max()) return times.finished;
    return std::max(times.deadline, times.last_answer);
}

double MeasuredSeconds(const RunTimes& times) {
    return std::max(0.0, std::chrono::duration<double>(RunEnd(times) - times.measure_from).count());
}

std::size_t SecondsCovered(const RunTimes& times) {
    const double seconds = std::chrono::duration<double>(RunEnd(times) - times.start).count();
    return seconds > 0 ? static_cast<std::size_t>(std::ceil(seconds)) : 0;
}

}  // namespace auditrail::load
