#include "health_folder.hpp"

#include <auditrail/common/log.hpp>
#include <auditrail/common/metrics.hpp>
#include <auditrail/pg/connection.hpp>
#include <auditrail/pg/errors.hpp>
#include <auditrail/pg/result.hpp>

namespace auditrail::ingest {

std::int64_t FoldHealthPending(pg::Connection& connection) {
    return connection.Exec("CALL auditrail_fold_health_pending(NULL)").GetInt(0, 0);
}

HealthFolder::HealthFolder(std::string database_url, std::chrono::milliseconds interval,
                           common::MetricsRegistry& metrics)
    : database_url_(std::move(database_url)),
      folded_rows_(metrics.Counter("auditrail_health_folded_rows_total",
                                   "Pending health buckets folded into the daily tables")),
      fold_seconds_(metrics.AddHistogram("auditrail_health_fold_seconds", "Time of one fold of the pending buckets",
                                         common::LatencyBuckets())),
      task_("health-fold", interval, [this] { FoldOnce(); }) {}

HealthFolder::~HealthFolder() { Stop(); }

void HealthFolder::FoldOnce() {
    try {
        // A fold takes well under a second; the deadline keeps a silent server from holding the shutdown.
        auto& connection = pg::Reopened(connection_, database_url_, std::chrono::seconds(60));
        const auto started = std::chrono::steady_clock::now();
        const auto folded = FoldHealthPending(connection);
        fold_seconds_.Observe(std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count());
        folded_rows_.Add("", static_cast<std::uint64_t>(folded));
    } catch (const std::exception& error) {
        connection_.reset();
        common::LogWarn("health folding failed; will retry", {{"error", error.what()}});
    }
}

void HealthFolder::Start() { task_.Start(); }

void HealthFolder::Stop() {
    task_.Stop();
    connection_.reset();
}

}  // namespace auditrail::ingest
