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
    return signal_number == SIGTERM ? "SIGTERM" : "SIGINT";
}

}  // namespace auditrail::common
