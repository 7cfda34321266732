#pragma once

#include <cstddef>

namespace auditrail::http {

/// Descriptors kept free of client connections: the database connections, the log, the listener and the like.
inline constexpr std::size_t kReservedDescriptors = 128;

/// How many client connections this process can actually hold, at most `wanted`: raises the soft limit on open
/// files towards the hard one first (as servers commonly do), then leaves kReservedDescriptors to the rest.
/// Without this a connection bound above the limit is no bound: accept fails with EMFILE instead.
std::size_t FitConnectionsToDescriptorLimit(std::size_t wanted);

}  // namespace auditrail::http
