// auditrail-query: wiring only. See src/query_service.cpp.
#include "src/query_config.hpp"
#include "src/query_service.hpp"

#include <auditrail/common/log.hpp>
#include <auditrail/common/options.hpp>
#include <auditrail/common/stop_signal.hpp>

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

    // Stop signals reach only WaitForStopSignal below, never a worker thread.
    common::BlockStopSignals();

    query::QueryService service(std::move(*config));
    try {
        service.Start();
    } catch (const std::exception& error) {
        common::LogError("cannot start", {{"error", error.what()}});
        return 1;
    }
    common::LogInfo("stopping", {{"signal", common::WaitForStopSignal()}});
    service.Shutdown();
    return 0;
}
