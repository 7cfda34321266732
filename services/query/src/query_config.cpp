#include "query_config.hpp"

#include <auditrail/pg/connection_string.hpp>
#include <unistd.h>
#include <auditrail/auth/jwt_options.hpp>
#include <auditrail/auth/signing_key.hpp>
#include <auditrail/common/options.hpp>
#include <auditrail/common/service_settings.hpp>
#include <auditrail/pg/local_database.hpp>
#include <charconv>
#include <cstdlib>
#include <thread>

namespace auditrail::query {

namespace {

/// The private key of --jwt-signing-key, or an empty key (the service then signs with the HS256 secret).
auth::SigningKey SigningKeyFrom(const std::string& path, const std::string& kid) {
    if (path.empty()) {
        if (!kid.empty()) throw common::OptionError("--jwt-signing-kid needs --jwt-signing-key");
        return {};
    }
    try {
        return auth::SigningKey::FromPrivateKeyFile(path, kid);
    } catch (const std::invalid_argument& error) {
        throw common::OptionError("--jwt-signing-key: " + std::string(error.what()));
    }
}

/// --health-weights: four numbers, engagement, billing, support, adoption, separated by commas.
void ParseWeights(const std::string& text, health::HealthSettings& settings) {
    double* weights[] = {&settings.engagement_weight, &settings.billing_weight, &settings.support_weight,
                         &settings.adoption_weight};
    const char* at = text.data();
    const char* end = text.data() + text.size();
    for (std::size_t i = 0; i < 4; ++i) {
        const auto [next, error] = std::from_chars(at, end, *weights[i]);
        const bool last = i == 3;
        if (error != std::errc() || (last ? next != end : (next == end || *next != ','))) {
            throw common::OptionError("--health-weights must be four numbers (engagement,billing,support,adoption), "
                                      "got \"" + text + "\"");
        }
        at = next + 1;
    }
}

/// The health settings of the --health-* options, checked.
health::HealthSettings HealthSettingsFrom(const common::Options& options) {
    health::HealthSettings settings;
    ParseWeights(options.Get("health-weights"), settings);
    settings.target_active_days = static_cast<int>(options.GetInt("health-active-days", 1, 31));
    settings.target_features = static_cast<int>(options.GetInt("health-features", 1, 1000));
    settings.healthy_min = static_cast<int>(options.GetInt("health-healthy-min", 0, 100));
    settings.watch_min = static_cast<int>(options.GetInt("health-watch-min", 0, 100));
    if (const auto problem = health::CheckSettings(settings)) throw common::OptionError(*problem);
    return settings;
}

}  // namespace

std::optional<QueryConfig> ParseQueryConfig(int argc, char** argv) {
    const std::string cores = std::to_string(std::max(1u, std::thread::hardware_concurrency()));
    std::vector<common::OptionSpec> specs{
        {"listen", "AUDITRAIL_LISTEN", "127.0.0.1:8081", "address and port to serve HTTP on"},
        {"database-url", "AUDITRAIL_DATABASE_URL", pg::LocalDatabaseUrl(), "libpq URI of the primary"},
        {"io-threads", "AUDITRAIL_IO_THREADS", cores, "HTTP I/O threads"},
        {"worker-threads", "AUDITRAIL_WORKER_THREADS", "8", "threads running database work and export streams"},
        {"pool-size", "AUDITRAIL_POOL_SIZE", "8", "database connections at most"},
        {"pool-timeout-ms", "AUDITRAIL_POOL_TIMEOUT_MS", "5000", "wait for a free connection before answering 503"},
        {"statement-timeout-ms", "AUDITRAIL_STATEMENT_TIMEOUT_MS", "25000",
         "longest a search query may run (exports have no limit)"},
        {"export-tmpdir", "AUDITRAIL_EXPORT_TMPDIR", "",
         "where xlsx exports are assembled (default: the system temp directory)"},
    };
    const health::HealthSettings health_defaults;
    specs.push_back({"health-weights", "AUDITRAIL_HEALTH_WEIGHTS", "0.30,0.25,0.20,0.25",
                     "health score weights: engagement,billing,support,adoption (HEALTH.md)"});
    specs.push_back({"health-active-days", "AUDITRAIL_HEALTH_ACTIVE_DAYS",
                     std::to_string(health_defaults.target_active_days),
                     "active days in 30 for a full engagement sub-score"});
    specs.push_back({"health-features", "AUDITRAIL_HEALTH_FEATURES", std::to_string(health_defaults.target_features),
                     "distinct features in 30 days for a full half of the adoption sub-score"});
    specs.push_back({"health-healthy-min", "AUDITRAIL_HEALTH_HEALTHY_MIN", std::to_string(health_defaults.healthy_min),
                     "lowest score of the healthy band"});
    specs.push_back({"health-watch-min", "AUDITRAIL_HEALTH_WATCH_MIN", std::to_string(health_defaults.watch_min),
                     "lowest score of the watch band (below it: at_risk)"});
    specs.push_back({"health-snapshot-interval-s", "AUDITRAIL_HEALTH_SNAPSHOT_INTERVAL_S", "300",
                     "seconds between background scorings of each tenant for the default at-risk list (0: off)"});
    for (auto& spec : auth::JwtOptionSpecs()) specs.push_back(std::move(spec));
    specs.push_back({"jwt-signing-key", "AUDITRAIL_JWT_SIGNING_KEY", "",
                     "PEM file of the RSA or P-256 private key that signs tokens and sessions (default: the HS256 "
                     "secret); its public key must be among --jwt-keys"});
    specs.push_back({"jwt-signing-kid", "AUDITRAIL_JWT_SIGNING_KID", "", "the kid of --jwt-signing-key's tokens"});
    specs.push_back(common::LogLevelSpec());
    common::Options options("auditrail-query", std::move(specs));
    if (!options.Parse(argc, argv)) return std::nullopt;
    common::ApplyLogLevel(options);
    common::RefuseUnbuiltSettings({{"AUDITRAIL_READ_DATABASE_URLS", "every read goes to AUDITRAIL_DATABASE_URL"}});
    QueryConfig config;
    config.server.listen = options.Get("listen");
    config.server.io_threads = static_cast<int>(options.GetInt("io-threads", 1, 256));
    config.server.worker_threads = static_cast<int>(options.GetInt("worker-threads", 1, 256));
    config.database_url = options.Get("database-url");
    if (const auto problem = pg::ConnectionStringProblem(config.database_url); !problem.empty()) {
        throw common::OptionError("--database-url (AUDITRAIL_DATABASE_URL) " + problem);
    }
    config.pool_size = static_cast<std::size_t>(options.GetInt("pool-size", 1, 1000));
    config.pool_timeout = std::chrono::milliseconds(options.GetInt("pool-timeout-ms", 1, 600000));
    config.statement_timeout = std::chrono::milliseconds(options.GetInt("statement-timeout-ms", 1, 3600000));
    config.xlsx.tmpdir = options.Get("export-tmpdir");
    if (!config.xlsx.tmpdir.empty() && ::access(config.xlsx.tmpdir.c_str(), W_OK | X_OK) != 0) {
        throw common::OptionError("--export-tmpdir (AUDITRAIL_EXPORT_TMPDIR) '" + config.xlsx.tmpdir +
                                  "' is not a directory this process can write to");
    }
    config.health = HealthSettingsFrom(options);
    config.health_snapshot_interval = std::chrono::seconds(options.GetInt("health-snapshot-interval-s", 0, 86400));
    config.jwt = auth::JwtSettingsFrom(options);
    config.identity.signing_key = SigningKeyFrom(options.Get("jwt-signing-key"), options.Get("jwt-signing-kid"));
    return config;
}

}  // namespace auditrail::query
