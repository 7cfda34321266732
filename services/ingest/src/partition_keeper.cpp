#include "partition_keeper.hpp"

#include <auditrail/common/log.hpp>
#include <auditrail/pg/connection.hpp>
#include <auditrail/pg/errors.hpp>

namespace auditrail::ingest {
namespace {

constexpr const char* kMaintain = "SELECT * FROM auditrail_maintain_partitions($1::int, $2::int, $3::boolean)";

}  // namespace

PartitionKeeper::PartitionKeeper(PartitionSettings settings)
    : settings_(std::move(settings)), task_("partitions", settings_.interval, [this] {
          try {
              RunOnce();
          } catch (const std::exception& error) {
              common::LogWarn("partition maintenance failed; will retry", {{"error", error.what()}});
          }
      }) {}

PartitionKeeper::~PartitionKeeper() { Stop(); }

void PartitionKeeper::RunOnce() {
    pg::Connection connection(settings_.database_url);
    const auto changes =
        connection.Exec(kMaintain, {std::to_string(settings_.months_ahead), std::to_string(settings_.retention_months),
                                    settings_.drop_old ? "true" : "false"});
    for (int row = 0; row < changes.Rows(); ++row) {
        common::LogInfo("partition maintenance", {{"change", changes.Get(row, 0)}});
    }
}

void PartitionKeeper::Start() { task_.Start(); }

void PartitionKeeper::Stop() { task_.Stop(); }

}  // namespace auditrail::ingest
