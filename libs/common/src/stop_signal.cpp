#include <auditrail/common/stop_signal.hpp>

#include <pthread.h>

#include <csignal>

namespace auditrail::common {
namespace {

sigset_t StopSignals() {
    sigset_t signals;
    sigemptyset(&signals);
    sigaddset(&signals, SIGTERM);
    sigaddset(&signals, SIGINT);
    // The terminal closing: drain and stop as for the others, rather than die with events still queued.
    sigaddset(&signals, SIGHUP);
    return signals;
}

}  // namespace

void BlockStopSignals() {
    const sigset_t signals = StopSignals();
    pthread_sigmask(SIG_BLOCK, &signals, nullptr);
}

const char* WaitForStopSignal() {
    const sigset_t signals = StopSignals();
    int signal_number = 0;
    sigwait(&signals, &signal_number);
    switch (signal_number) {
        case SIGTERM: return "SIGTERM";
        case SIGHUP: return "SIGHUP";
        default: return "SIGINT";
    }
}

}  // namespace auditrail::common
