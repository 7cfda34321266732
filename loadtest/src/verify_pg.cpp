#include "verify_pg.hpp"

#include <auditrail/pg/errors.hpp>

#include <algorithm>
#include <iostream>
#include <thread>

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

/// Long enough for crash recovery after a run that ends with the database killed.
constexpr std::chrono::seconds kConnectPatience{60};
constexpr std::chrono::milliseconds kRetryPause{500};

}  // namespace

std::unique_ptr<pg::Connection> ConnectPatiently(const std::string& database_url, std::chrono::milliseconds patience,
                                                 std::ostream& log) {
    const auto give_up_at = std::chrono::steady_clock::now() + patience;
    bool told = false;
    for (;;) {
        try {
            return std::make_unique<pg::Connection>(database_url);
        } catch (const pg::ConnectionError& error) {
            const auto now = std::chrono::steady_clock::now();
            if (now >= give_up_at) throw;
            if (!told) {
                // libpq's hint ("Is the server running…?") follows on a line of its own: one line is enough.
                const std::string_view message = error.what();
                log << "auditrail-load: --verify: " << message.substr(0, message.find('\n'))
                    << "; trying again for up to " << static_cast<double>(patience.count()) / 1000 << " s" << std::endl;
                told = true;
            }
            std::this_thread::sleep_for(std::min<std::chrono::steady_clock::duration>(kRetryPause, give_up_at - now));
        }
    }
}

StoredCounts QueryStoredCounts(const std::string& database_url, const std::string& tenant, const IdLedger& ledger) {
    const auto connection_ptr = ConnectPatiently(database_url, kConnectPatience, std::cerr);
    pg::Connection& connection = *connection_ptr;
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
