#include "config.hpp"

#include <auditrail/pg/connection_string.hpp>
#include <auditrail/auth/jwt_options.hpp>
#include <auditrail/common/log.hpp>
#include <auditrail/common/options.hpp>
#include <auditrail/common/service_settings.hpp>
#include <auditrail/pg/local_database.hpp>
#include <cstdlib>
#include <thread>

namespace auditrail::ingest {

std::optional<IngestConfig> ParseIngestConfig(int argc, char** argv) {
    const std::string cores = std::to_string(std::max(1u, std::thread::hardware_concurrency()));
    std::vector<common::OptionSpec> specs{
        {"listen", "AUDITRAIL_LISTEN", "127.0.0.1:8080", "address and port to serve HTTP on"},
        {"database-url", "AUDITRAIL_DATABASE_URL", pg::LocalDatabaseUrl(), "libpq URI of the primary"},
        {"io-threads", "AUDITRAIL_IO_THREADS", cores, "HTTP I/O threads"},
        {"writers", "AUDITRAIL_WRITERS", "2", "batch writer threads, one database connection each"},
        {"batch-max", "AUDITRAIL_BATCH_MAX", "5000", "events per batch at most"},
        {"copy-min-events", "AUDITRAIL_COPY_MIN_EVENTS", "64",
         "batches of this many events or more are written with COPY, smaller ones with one pipelined INSERT"},
        {"parallel-min-events", "AUDITRAIL_PARALLEL_MIN_EVENTS", "64",
         "batches of this many events or more are written while another writer gathers the next; smaller ones are "
         "committed before the next is gathered"},
        {"parallel-after-ms", "AUDITRAIL_PARALLEL_AFTER_MS", "2",
         "a smaller batch whose commit has not answered after this many milliseconds lets the next be gathered and "
         "written meanwhile (0: never)"},
        {"linger-ms", "AUDITRAIL_LINGER_MS", "0",
         "how long a writer waits for a batch to fill (0: it takes what is queued; while one writer commits, the "
         "next batch gathers in the queue)"},
        {"queue-capacity", "AUDITRAIL_QUEUE_CAPACITY", "50000",
         "events queued before 503 (about a second of writes: more only makes queued requests time out)"},
        {"queue-bytes", "AUDITRAIL_QUEUE_BYTES", "268435456", "approximate bytes queued before 503"},
        {"write-timeout-ms", "AUDITRAIL_WRITE_TIMEOUT_MS", "5000",
         "how long a request waits for its commit before 503 database_unavailable"},
        {"max-body-bytes", "AUDITRAIL_MAX_BODY_BYTES", "1048576", "request body limit (413 beyond)"},
        {"max-events", "AUDITRAIL_MAX_EVENTS", "1000", "events per request (413 beyond)"},
        {"max-data-bytes", "AUDITRAIL_MAX_DATA_BYTES", "32768", "JSON bytes of one event's data"},
        {"retention-months", "AUDITRAIL_RETENTION_MONTHS", "12", "events older than this are refused"},
        {"partitions-ahead", "AUDITRAIL_PARTITIONS_AHEAD", "3", "monthly partitions made ahead"},
        {"maintenance-interval-s", "AUDITRAIL_MAINTENANCE_INTERVAL_S", "3600",
         "seconds between partition maintenance runs"},
        {"retention-action", "AUDITRAIL_RETENTION_ACTION", "detach",
         "what happens to partitions past retention: detach (kept as tables to archive) or drop"},
        {"max-connections", "AUDITRAIL_MAX_CONNECTIONS", "10000", "open HTTP connections at most"},
        {"rate-limit", "AUDITRAIL_RATE_LIMIT", "0", "events/s each tenant may write (0: no limit)"},
        {"rate-burst", "AUDITRAIL_RATE_BURST", "0", "events a tenant may write at once (default: one second's worth)"},
        {"health-state", "AUDITRAIL_HEALTH_STATE", "on", "keep customer health state current on write (on/off)"},
        {"health-fold-interval-ms", "AUDITRAIL_HEALTH_FOLD_INTERVAL_MS", "5000",
         "milliseconds between folds of the pending health buckets into the daily tables"},
        common::LogLevelSpec(),
    };
    for (auto& spec : auth::JwtOptionSpecs()) specs.push_back(std::move(spec));
    common::Options options("auditrail-ingest", std::move(specs));
    if (!options.Parse(argc, argv)) return std::nullopt;

    IngestConfig config;
    config.server.listen = options.Get("listen");
    config.server.io_threads = static_cast<int>(options.GetInt("io-threads", 1, 256));
    config.server.body_limit = static_cast<std::size_t>(options.GetInt("max-body-bytes", 1024, 64 << 20));
    config.server.max_connections = static_cast<std::size_t>(options.GetInt("max-connections", 1, 1000000));
    config.server.handler_timeout = std::chrono::milliseconds(options.GetInt("write-timeout-ms", 100, 600000));
    config.jwt = auth::JwtSettingsFrom(options);
    config.writer.database_url = options.Get("database-url");
    if (const auto problem = pg::ConnectionStringProblem(config.writer.database_url); !problem.empty()) {
        throw common::OptionError("--database-url (AUDITRAIL_DATABASE_URL) " + problem);
    }
    config.writer.writers = static_cast<int>(options.GetInt("writers", 1, 64));
    config.writer.batch_max = static_cast<std::size_t>(options.GetInt("batch-max", 1, 100000));
    config.writer.copy_min_events = static_cast<std::size_t>(options.GetInt("copy-min-events", 1, 1000000));
    config.writer.parallel_min_events = static_cast<std::size_t>(options.GetInt("parallel-min-events", 1, 1000000));
    config.writer.parallel_after = std::chrono::milliseconds(options.GetInt("parallel-after-ms", 0, 60000));
    config.writer.linger = std::chrono::milliseconds(options.GetInt("linger-ms", 0, 1000));
    config.queue.events = static_cast<std::size_t>(options.GetInt("queue-capacity", 1000, 100000000));
    config.queue.bytes = static_cast<std::size_t>(options.GetInt("queue-bytes", 1 << 20, 1LL << 40));
    config.limits.max_events = static_cast<std::size_t>(options.GetInt("max-events", 1, 100000));
    config.limits.max_data_bytes = static_cast<std::size_t>(options.GetInt("max-data-bytes", 2, 1 << 24));
    config.limits.retention_months = static_cast<int>(options.GetInt("retention-months", 1, 1200));
    // A request the queue could never hold would be told "full, retry" for ever.
    if (config.limits.max_events > config.queue.events) {
        throw common::OptionError("--max-events (AUDITRAIL_MAX_EVENTS) is larger than --queue-capacity "
                                  "(AUDITRAIL_QUEUE_CAPACITY): a request that large could never be queued");
    }
    if (config.server.body_limit > config.queue.bytes) {
        throw common::OptionError("--max-body-bytes (AUDITRAIL_MAX_BODY_BYTES) is larger than --queue-bytes "
                                  "(AUDITRAIL_QUEUE_BYTES): a request that large could never be queued");
    }
    config.partitions.database_url = config.writer.database_url;
    config.partitions.months_ahead = static_cast<int>(options.GetInt("partitions-ahead", 0, 24));
    config.partitions.retention_months = config.limits.retention_months;
    config.partitions.interval = std::chrono::seconds(options.GetInt("maintenance-interval-s", 1, 7 * 86400));
    const std::string& retention_action = options.Get("retention-action");
    if (retention_action != "detach" && retention_action != "drop") {
        throw common::OptionError("--retention-action (AUDITRAIL_RETENTION_ACTION): '" + retention_action +
                                  "' is not detach or drop");
    }
    config.partitions.drop_old = retention_action == "drop";
    config.rate_limit.events_per_second = static_cast<double>(options.GetInt("rate-limit", 0, 100000000));
    config.rate_limit.burst = static_cast<double>(options.GetInt("rate-burst", 0, 1000000000));
    const std::string& health = options.Get("health-state");
    if (health != "on" && health != "off") {
        throw common::OptionError("--health-state (AUDITRAIL_HEALTH_STATE): '" + health + "' is not on or off");
    }
    config.writer.health_state = health == "on";
    config.writer.health_fold_interval =
        std::chrono::milliseconds(options.GetInt("health-fold-interval-ms", 10, 3600000));
    common::ApplyLogLevel(options);
    common::RefuseUnbuiltSettings({{"AUDITRAIL_SPOOL_DIR", "202 answers are not spooled to disk; post without "
                                                           "Prefer: respond-async for answers after commit"}});
    return config;
}

}  // namespace auditrail::ingest
