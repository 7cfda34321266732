// auditrail-query: wiring only. See src/query_service.cpp.
#include "src/query_config.hpp"
#include "src/query_service.hpp"

#include <auditrail/common/log.hpp>
#include <auditrail/common/options.hpp>
#include <auditrail/common/stop_signal.hpp>

#include <iostream>
#include <memory>

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

    std::unique_ptr<query::QueryService> service;
    try {
        service = std::make_unique<query::QueryService>(std::move(*config));
        service->Start();
    } catch (const std::exception& error) {
        common::LogError("cannot start", {{"error", error.what()}});
        return 1;
    }
    common::LogInfo("stopping", {{"signal", common::WaitForStopSignal()}});
    service->Shutdown();
    return 0;
}
