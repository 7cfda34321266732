#include "verify_pg.hpp"

#include <auditrail/pg/connection.hpp>

namespace auditrail::load {
namespace {

constexpr std::string_view kCreateAcked = "CREATE TEMP TABLE load_acked (id uuid NOT NULL) ON COMMIT DROP";
constexpr std::string_view kCopyAcked = "COPY load_acked (id) FROM STDIN";

/// Per acknowledged id, how many rows of the tenant carry it; then how many ids have each count.
const std::string kMultiplicities =
    "SELECT n, count(*) FROM (SELECT a.id, count(e.id) AS n FROM load_acked a "
    "LEFT JOIN events e ON e.tenant = $1 AND e.id = a.id GROUP BY a.id) AS per_id GROUP BY n ORDER BY n";
const std::string kSample =
    "SELECT a.id::text, count(e.id) AS n FROM load_acked a LEFT JOIN events e ON e.tenant = $1 AND e.id = a.id "
    "GROUP BY a.id HAVING count(e.id) <> 1 ORDER BY a.id LIMIT 10";
const std::string kTenantRows = "SELECT count(*) FROM events WHERE tenant = $1";

}  // namespace

StoredCounts QueryStoredCounts(const std::string& database_url, const std::string& tenant, const IdLedger& ledger) {
    pg::Connection connection(database_url);
    StoredCounts stored;
    connection.Exec("BEGIN");
    connection.Exec(kCreateAcked);
    connection.CopyIn(std::string(kCopyAcked), IdsAsCopyText(ledger.Ids()));
    connection.Exec("ANALYZE load_acked");
    const pg::Result counts = connection.Exec(kMultiplicities, {tenant});
    for (int row = 0; row < counts.Rows(); ++row) {
        stored.ids_by_multiplicity[counts.GetInt(row, 0)] = static_cast<std::uint64_t>(counts.GetInt(row, 1));
    }
    const pg::Result sample = connection.Exec(kSample, {tenant});
    for (int row = 0; row < sample.Rows(); ++row) {
        auto& into = sample.GetInt(row, 1) == 0 ? stored.sample_missing : stored.sample_duplicated;
        into.emplace_back(sample.Get(row, 0));
    }
    stored.tenant_rows = static_cast<std::uint64_t>(connection.Exec(kTenantRows, {tenant}).GetInt(0, 0));
    connection.Exec("COMMIT");
    return stored;
}

}  // namespace auditrail::load
