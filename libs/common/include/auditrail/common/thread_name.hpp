#pragma once

#include <string>

namespace auditrail::common {

/// Names the calling thread as `top -H`, `perf` and /proc/<pid>/task/*/comm show it (at most 15 bytes are kept).
void NameThisThread(const std::string& name);

}  // namespace auditrail::common
