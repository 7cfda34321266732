// auditrail-query: wiring only. See src/query_service.cpp.
#include "src/query_config.hpp"
#include "src/query_service.hpp"

#include <auditrail/common/log.hpp>
#include <auditrail/common/options.hpp>

#include <csignal>
#include <iostream>

int main(int argc, char** argv) {
    using namespace auditrail;
    std::optional<query::QueryConfig> config;
    try {
        config = query::ParseQueryConfig(argc, argv);
    } catch (const common::OptionError& error) {
        std::cerr << "auditrail-query: " << error.what() << "\n";
        return 2;
    }
    if (!config) return 0;

    sigset_t signals;
    sigemptyset(&signals);
    sigaddset(&signals, SIGTERM);
    sigaddset(&signals, SIGINT);
    pthread_sigmask(SIG_BLOCK, &signals, nullptr);

    query::QueryService service(std::move(*config));
    try {
        service.Start();
    } catch (const std::exception& error) {
        common::LogError("cannot start", {{"error", error.what()}});
        return 1;
    }
    int signal_number = 0;
    sigwait(&signals, &signal_number);
    service.Shutdown();
    return 0;
}
