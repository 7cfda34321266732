#pragma once

namespace auditrail::common {

/// Blocks SIGTERM and SIGINT in the calling thread and every thread it starts afterwards; call it first
/// in main, so that the signals reach only WaitForStopSignal.
void BlockStopSignals();

/// Waits for SIGTERM or SIGINT (blocked by BlockStopSignals) and returns its name.
const char* WaitForStopSignal();

}  // namespace auditrail::common
