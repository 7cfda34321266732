// auditrail-ingest: wiring only. See src/ingest_service.cpp.
#include "src/config.hpp"
#include "src/ingest_service.hpp"

#include <auditrail/common/log.hpp>
#include <auditrail/common/options.hpp>
#include <auditrail/common/stop_signal.hpp>
#include <auditrail/events/decode.hpp>

#include <iostream>
#include <memory>

int main(int argc, char** argv) {
    using namespace auditrail;
    std::optional<ingest::IngestConfig> config;
    try {
        config = ingest::ParseIngestConfig(argc, argv);
    } catch (const common::OptionError& error) {
        std::cerr << "auditrail-ingest: " << error.what() << "\n";
        return 2;
    }
    if (!config) return 0;

    events::RouteProtobufLogs();
    // Stop signals reach only WaitForStopSignal below, never a worker thread.
    common::BlockStopSignals();

    std::unique_ptr<ingest::IngestService> service;
    try {
        service = std::make_unique<ingest::IngestService>(std::move(*config));
        service->Start();
    } catch (const std::exception& error) {
        common::LogError("cannot start", {{"error", error.what()}});
        return 1;
    }
    common::LogInfo("stopping", {{"signal", common::WaitForStopSignal()}});
    return service->Shutdown() ? 0 : 1;
}
