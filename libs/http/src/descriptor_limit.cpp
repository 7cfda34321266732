#include "descriptor_limit.hpp"

#include <auditrail/common/log.hpp>

#include <sys/resource.h>

#include <algorithm>
#include <string>

namespace auditrail::http {

std::size_t FitConnectionsToDescriptorLimit(std::size_t wanted) {
    rlimit limit{};
    if (::getrlimit(RLIMIT_NOFILE, &limit) != 0) return wanted;
    const rlim_t needed = static_cast<rlim_t>(wanted + kReservedDescriptors);
    if (limit.rlim_cur != RLIM_INFINITY && limit.rlim_cur < needed) {
        rlimit raised = limit;
        raised.rlim_cur = limit.rlim_max == RLIM_INFINITY ? needed : std::min(needed, limit.rlim_max);
        if (::setrlimit(RLIMIT_NOFILE, &raised) == 0) limit = raised;
    }
    if (limit.rlim_cur == RLIM_INFINITY || limit.rlim_cur >= needed) return wanted;
    const std::size_t usable =
        limit.rlim_cur > 2 * kReservedDescriptors ? static_cast<std::size_t>(limit.rlim_cur) - kReservedDescriptors
                                                  : static_cast<std::size_t>(limit.rlim_cur) / 2;
    common::LogWarn("fewer connections than configured: the open-file limit is lower",
                    {{"max_connections", std::to_string(wanted)},
                     {"open_file_limit", std::to_string(limit.rlim_cur)},
                     {"connections_allowed", std::to_string(usable)}});
    return usable;
}

}  // namespace auditrail::http
