#include "health_folder.hpp"

#include <auditrail/common/log.hpp>
#include <auditrail/pg/connection.hpp>
#include <auditrail/pg/errors.hpp>
#include <auditrail/pg/result.hpp>

namespace auditrail::ingest {

std::int64_t FoldHealthPending(pg::Connection& connection) {
    return connection.Exec("SELECT auditrail_fold_health_pending()").GetInt(0, 0);
}

HealthFolder::HealthFolder(std::string database_url, std::chrono::milliseconds interval)
    : database_url_(std::move(database_url)), task_(interval, [this] { FoldOnce(); }) {}

HealthFolder::~HealthFolder() { Stop(); }

void HealthFolder::FoldOnce() {
    try {
        if (!connection_ || connection_->IsBroken()) {
            connection_.reset();
            connection_ = std::make_unique<pg::Connection>(database_url_);
        }
        FoldHealthPending(*connection_);
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
