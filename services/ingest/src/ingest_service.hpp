#pragma once

#include "config.hpp"

#include <cstdint>
#include <memory>

namespace auditrail::ingest {

/// The whole ingest service: migrations and partitions, queue, batch writers, routes, HTTP server.
/// `main` and the integration tests run the same object.
class IngestService {
public:
    explicit IngestService(IngestConfig config);
    ~IngestService();

    /// Prepares the database (retrying with backoff while it is unreachable, /readyz saying 503), starts
    /// the writers and serves HTTP. @throws std::runtime_error when the address cannot be bound.
    void Start();
    std::uint16_t Port() const;

    /// SIGTERM: stop accepting, drain the queue into the database, answer what is waiting, stop.
    /// Returns true when every queued event was written.
    bool Shutdown();

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace auditrail::ingest
