#include "health_snapshot.hpp"

#include <malloc.h>

#include <simdjson.h>

#include <algorithm>
#include <auditrail/common/log.hpp>
#include <auditrail/common/thread_name.hpp>
#include <auditrail/events/time.hpp>
#include <auditrail/health/report_json.hpp>
#include <auditrail/health/score.hpp>
#include <auditrail/pg/connection.hpp>
#include <auditrail/pg/errors.hpp>
#include <cstdio>
#include <stdexcept>

#include "health_loader.hpp"

namespace auditrail::query {
namespace {

// One refresh of a tenant at a time across every instance: the others skip it.
constexpr std::string_view kTryLock =
    "SELECT pg_try_advisory_xact_lock(hashtext('auditrail.health_snapshot'), hashtext($1))";
constexpr std::string_view kDeleteSnapshot = "DELETE FROM customer_health_snapshot WHERE tenant = $1";
constexpr std::string_view kCopySnapshot =
    "COPY customer_health_snapshot (tenant, customer_id, score, band, signals) FROM STDIN";
constexpr std::string_view kUpsertRun =
    "INSERT INTO health_snapshot_runs (tenant, as_of, fresh_until, settings, healthy, watch, at_risk)"
    " VALUES ($1, $2::timestamptz, $2::timestamptz + $3::bigint * interval '1 second', $4, $5, $6, $7)"
    " ON CONFLICT (tenant) DO UPDATE SET as_of = excluded.as_of, fresh_until = excluded.fresh_until,"
    " settings = excluded.settings, healthy = excluded.healthy, watch = excluded.watch, at_risk = excluded.at_risk,"
    " refreshed_at = now()";
// Tenants with health state, by a skip scan of the activity table's primary key (one probe per tenant), and those
// whose buckets are all still pending (V007; that table holds only the last seconds of writes).
constexpr std::string_view kTenantsToRefresh =
    "WITH RECURSIVE d(tenant) AS ("
    " (SELECT tenant FROM customer_activity_daily ORDER BY tenant LIMIT 1)"
    " UNION ALL"
    " SELECT (SELECT c.tenant FROM customer_activity_daily c WHERE c.tenant > d.tenant ORDER BY c.tenant LIMIT 1)"
    " FROM d WHERE d.tenant IS NOT NULL),"
    " t(tenant) AS (SELECT tenant FROM d UNION SELECT tenant FROM customer_activity_pending)"
    " SELECT t.tenant FROM t LEFT JOIN health_snapshot_runs r ON r.tenant = t.tenant"
    " WHERE t.tenant IS NOT NULL"
    " AND (r.tenant IS NULL OR r.settings <> $1 OR r.refreshed_at <= now() - $2::bigint * interval '1 second')"
    " ORDER BY r.refreshed_at NULLS FIRST, t.tenant";
// The run (one row) with the at-risk rows of a fresh snapshot scored with the reader's settings, if any.
constexpr std::string_view kSelectAtRisk =
    "SELECT (extract(epoch FROM r.as_of) * 1000000)::bigint, r.healthy, r.watch, r.at_risk,"
    " s.customer_id, s.score, s.band, s.signals"
    " FROM health_snapshot_runs r LEFT JOIN LATERAL ("
    "  SELECT customer_id, score, band, signals FROM customer_health_snapshot"
    "  WHERE tenant = $1 AND score < $3::int ORDER BY score, customer_id LIMIT $4::int) s ON true"
    " WHERE r.tenant = $1 AND r.settings = $2 AND r.fresh_until > now()"
    " ORDER BY s.score, s.customer_id";

/// `text` escaped for one column of COPY's text format.
void AppendCopyText(std::string& out, std::string_view text) {
    for (const char c : text) {
        switch (c) {
            case '\\':
                out += "\\\\";
                break;
            case '\t':
                out += "\\t";
                break;
            case '\n':
                out += "\\n";
                break;
            case '\r':
                out += "\\r";
                break;
            default:
                out.push_back(c);
        }
    }
}

health::Band ParseBand(std::string_view name) {
    if (name == "healthy") return health::Band::kHealthy;
    if (name == "watch") return health::Band::kWatch;
    return health::Band::kAtRisk;
}

health::Severity ParseSeverity(std::string_view name) {
    if (name == "info") return health::Severity::kInfo;
    if (name == "critical") return health::Severity::kCritical;
    return health::Severity::kWarning;
}

/// The signals array that RefreshHealthSnapshot stored (AppendSignalsJson's output).
std::vector<health::Signal> ParseSignals(simdjson::dom::parser& parser, std::string_view json) {
    std::vector<health::Signal> signals;
    for (simdjson::dom::element item : parser.parse(json.data(), json.size()).get_array()) {
        health::Signal signal;
        signal.code = std::string(std::string_view(item["code"]));
        signal.severity = ParseSeverity(std::string_view(item["severity"]));
        signal.message = std::string(std::string_view(item["message"]));
        signals.push_back(std::move(signal));
    }
    return signals;
}

}  // namespace

std::string SettingsKey(const health::HealthSettings& settings) {
    char key[200];
    std::snprintf(key, sizeof key, "w=%.17g,%.17g,%.17g,%.17g;days=%d;features=%d;bands=%d,%d",
                  settings.engagement_weight, settings.billing_weight, settings.support_weight,
                  settings.adoption_weight, settings.target_active_days, settings.target_features, settings.healthy_min,
                  settings.watch_min);
    return key;
}

std::optional<std::int64_t> RefreshHealthSnapshot(pg::Connection& connection, const health::HealthSettings& settings,
                                                  const std::string& tenant, health::TimeUs as_of,
                                                  std::chrono::seconds max_age) {
    // Repeatable read: the four state tables are read as of one moment.
    connection.Exec("BEGIN ISOLATION LEVEL REPEATABLE READ");
    try {
        if (connection.Exec(std::string(kTryLock), {tenant}).Get(0, 0) != "t") {
            connection.Exec("ROLLBACK");
            return std::nullopt;
        }
        BandTotals totals;
        std::string rows;
        std::int64_t scored = 0;
        for (const auto& state : LoadTenantStates(connection, tenant, as_of)) {
            const auto report = health::Score(state, as_of, settings);
            ++(report.band == health::Band::kHealthy ? totals.healthy
               : report.band == health::Band::kWatch ? totals.watch
                                                     : totals.at_risk);
            std::string signals;
            health::AppendSignalsJson(signals, report.signals);
            AppendCopyText(rows, tenant);
            rows += '\t' + std::to_string(report.customer_id) + '\t' + std::to_string(report.score) + '\t';
            rows += health::BandName(report.band);
            rows += '\t';
            AppendCopyText(rows, signals);
            rows += '\n';
            ++scored;
        }
        connection.Exec(std::string(kDeleteSnapshot), {tenant});
        if (!rows.empty()) connection.CopyIn(std::string(kCopySnapshot), rows);
        connection.Exec(std::string(kUpsertRun),
                        {tenant, events::FormatRfc3339(as_of), std::to_string(max_age.count()), SettingsKey(settings),
                         std::to_string(totals.healthy), std::to_string(totals.watch), std::to_string(totals.at_risk)});
        connection.Exec("COMMIT");
        return scored;
    } catch (...) {
        if (!connection.IsBroken()) connection.Exec("ROLLBACK");
        throw;
    }
}

std::vector<std::string> TenantsToRefresh(pg::Connection& connection, const health::HealthSettings& settings,
                                          std::chrono::seconds interval) {
    const auto result =
        connection.Exec(std::string(kTenantsToRefresh), {SettingsKey(settings), std::to_string(interval.count())});
    std::vector<std::string> tenants;
    for (int row = 0; row < result.Rows(); ++row) tenants.emplace_back(result.Get(row, 0));
    return tenants;
}

std::optional<AtRiskList> ReadAtRiskSnapshot(pg::Connection& connection, const health::HealthSettings& settings,
                                             const std::string& tenant, int threshold, int limit) {
    const auto result =
        connection.ExecPrepared("health_at_risk_snapshot", std::string(kSelectAtRisk),
                                {tenant, SettingsKey(settings), std::to_string(threshold), std::to_string(limit)});
    if (result.Rows() == 0) return std::nullopt;
    AtRiskList list;
    list.as_of = result.GetInt(0, 0);
    list.totals = {result.GetInt(0, 1), result.GetInt(0, 2), result.GetInt(0, 3)};
    simdjson::dom::parser parser;
    for (int row = 0; row < result.Rows(); ++row) {
        if (result.IsNull(row, 4)) continue;  // no customer below the threshold
        health::HealthReport report;
        report.customer_id = result.GetInt(row, 4);
        report.as_of = list.as_of;
        report.score = static_cast<int>(result.GetInt(row, 5));
        report.band = ParseBand(result.Get(row, 6));
        report.signals = ParseSignals(parser, result.Get(row, 7));
        list.customers.push_back(std::move(report));
    }
    return list;
}

HealthSnapshotRefresher::HealthSnapshotRefresher(HealthSnapshotSettings settings, health::HealthSettings health)
    : settings_(std::move(settings)), health_(health) {}

HealthSnapshotRefresher::~HealthSnapshotRefresher() { Stop(); }

void HealthSnapshotRefresher::Start() {
    if (settings_.interval.count() <= 0 || thread_.joinable()) return;
    thread_ = std::thread([this] {
        common::NameThisThread("health-snapshot");
        Run();
    });
}

void HealthSnapshotRefresher::Stop() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_all();
    if (thread_.joinable()) thread_.join();
}

bool HealthSnapshotRefresher::WaitFor(std::chrono::milliseconds duration) {
    std::unique_lock lock(mutex_);
    return wake_.wait_for(lock, duration, [this] { return stopping_; });
}

void HealthSnapshotRefresher::Run() {
    using std::chrono::milliseconds;
    // Readers use a snapshot for three intervals, so one slow or failed round does not send them to the
    // exact (slow) path; a look every few seconds keeps it within about one interval.
    const auto max_age = 3 * settings_.interval;
    const milliseconds look_every = std::min<milliseconds>(settings_.interval, std::chrono::seconds(5));
    milliseconds backoff{1000};
    std::unique_ptr<pg::Connection> connection;
    for (milliseconds wait{0}; !WaitFor(wait);) {
        try {
            if (!connection) {
                connection = std::make_unique<pg::Connection>(settings_.database_url);
                // A tenant's scoring may take seconds; it is no request, so it has no statement timeout. No JIT, as
                // in the pool (query_service.cpp).
                connection->Exec(
                    "SET statement_timeout = 0; SET application_name = 'auditrail-query-health'; SET jit = off");
                // No statement timeout, but a server silent for this long is gone: reconnect rather than wait for ever.
                connection->SetAnswerDeadline(std::chrono::minutes(10));
            }
            for (const auto& tenant : TenantsToRefresh(*connection, health_, settings_.interval)) {
                if (WaitFor(milliseconds(0))) return;
                const auto started = std::chrono::steady_clock::now();
                std::optional<std::int64_t> scored;
                try {
                    scored = RefreshHealthSnapshot(*connection, health_, tenant, events::NowUs(), max_age);
                } catch (const std::exception& error) {
                    // A tenant whose state cannot be scored must not keep the tenants after it stale: log it and
                    // go on; a lost connection ends the round instead.
                    if (connection->IsBroken()) throw;
                    common::LogWarn("health snapshot refresh failed", {{"tenant", tenant}, {"error", error.what()}});
                    continue;
                }
                // A tenant's states took up to ~150 MB (10 M events); give what was freed back to the system
                // rather than hold the largest tenant's peak between refreshes.
                malloc_trim(0);
                if (scored && *scored >= 1000) {
                    const auto took =
                        std::chrono::duration_cast<milliseconds>(std::chrono::steady_clock::now() - started);
                    common::LogInfo("health snapshot refreshed", {{"tenant", tenant},
                                                                  {"customers", std::to_string(*scored)},
                                                                  {"ms", std::to_string(took.count())}});
                }
            }
            backoff = milliseconds(1000);
            wait = look_every;
        } catch (const std::exception& error) {
            common::LogWarn("health snapshot refresh failed", {{"error", error.what()}});
            connection.reset();
            wait = backoff;
            backoff = std::min<milliseconds>(backoff * 2, std::chrono::seconds(60));
        }
    }
}

}  // namespace auditrail::query
