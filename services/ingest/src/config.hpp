#pragma once

#include <auditrail/auth/jwt_verifier.hpp>
#include <auditrail/events/decode.hpp>
#include <auditrail/http/server_options.hpp>
#include <auditrail/queue/batching_queue.hpp>

#include "partition_keeper.hpp"
#include "rate_limiter.hpp"

#include <chrono>
#include <optional>
#include <string>

namespace auditrail::ingest {

/// How the batch writers drain the queue.
struct WriterSettings {
    /// libpq connection string or URI of the primary.
    std::string database_url;
    /// Writer threads, one connection each.
    int writers = 2;
    /// Events per batch at most (a request's events are never split across batches).
    std::size_t batch_max = 5000;
    /// Batches of at least this many events are written with COPY; smaller ones with an INSERT sent in one round
    /// trip with the rest of the transaction (COPY's own round trip costs more than it saves on few rows). As
    /// parallel_min_events: a batch that holds the turn through its commit holds it for one round trip only
    /// (single events, 64 connections: 2 to 17 % more events/s than with 32 in six alternated pairs).
    std::size_t copy_min_events = 64;
    /// A batch of at least this many events is written while another writer gathers the next one; a smaller one
    /// is committed first. Many small concurrent transactions cost PostgreSQL more CPU than they save in waiting
    /// (single events, 2 cores: one writer at a time gave 10 % more events/s with a third less PostgreSQL CPU).
    std::size_t parallel_min_events = 64;
    /// A smaller batch whose commit has not answered after this long lets another writer gather and write the next
    /// one meanwhile (0: never), so that one slow commit does not hold every request that arrives during it for a
    /// whole commit more.
    std::chrono::milliseconds parallel_after{2};
    /// How long a writer waits for more events once it has some. None by default: while one writer commits, the
    /// requests arriving meanwhile queue up for the next, which is the group commit; lingering on top only added
    /// to every answer's wait (single events, 64 connections: 12,300 events/s with 2 ms, 17,200 with 0).
    std::chrono::microseconds linger{0};
    /// A writer whose statement PostgreSQL has not answered for this long does not count as reaching the database
    /// (/readyz says 503, posts are refused at once) until it is answered or its connection is ended.
    std::chrono::milliseconds stalled_after{5000};
    /// How long SIGTERM waits for the queue to reach the database before giving up.
    std::chrono::milliseconds drain_timeout{30000};
    /// Keep the per-customer health state (migration V003) current in each batch's transaction.
    bool health_state = true;
    /// How often the ingest service folds the writers' pending health buckets into the daily tables (V007).
    std::chrono::milliseconds health_fold_interval{5000};
};

struct IngestConfig {
    http::ServerOptions server;
    auth::JwtSettings jwt;
    events::DecodeLimits limits;
    queue::QueueCapacity queue;
    WriterSettings writer;
    RateLimit rate_limit;
    PartitionSettings partitions;
};

/// Reads flags and AUDITRAIL_* variables. Returns nothing when --help was printed.
/// @throws common::OptionError with one clear line for a bad setting.
std::optional<IngestConfig> ParseIngestConfig(int argc, char** argv);

}  // namespace auditrail::ingest
