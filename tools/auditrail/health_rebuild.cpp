#include "health_rebuild.hpp"

#include <auditrail/auth/claims.hpp>
#include <auditrail/common/options.hpp>
#include <auditrail/pg/errors.hpp>
#include <auditrail/pg/local_database.hpp>
#include <auditrail/pg/result.hpp>
#include <iostream>
#include <vector>

namespace auditrail::tool {
namespace {

// V003's back-fill, confined to one tenant ($1), with the actions that HEALTH.md does not count per day merged into
// one bucket per customer and day as the writers keep them now (health::kOtherActionsKey; V003's rows per action are
// still read right). Keep the rules in step with HealthDelta::Add.
constexpr const char* kRebuild[] = {
    "DELETE FROM customer_activity_daily WHERE tenant = $1",
    "DELETE FROM customer_activity_pending WHERE tenant = $1",
    "DELETE FROM customer_feature_daily WHERE tenant = $1",
    "DELETE FROM customer_feature_pending WHERE tenant = $1",
    "DELETE FROM customer_invoices WHERE tenant = $1",
    "DELETE FROM customer_tickets WHERE tenant = $1",
    "INSERT INTO customer_activity_daily"
    " SELECT tenant, customer_id, (occurred_at AT TIME ZONE 'UTC')::date,"
    " CASE WHEN action IN ('customer.login', 'api.call', 'feature.used') THEN action ELSE '*' END, count(*),"
    " coalesce(sum(CASE WHEN action IN ('api.call', 'feature.used')"
    " THEN coalesce((data->>'count')::bigint, 1) ELSE 0 END), 0),"
    " min(occurred_at), max(occurred_at)"
    " FROM events WHERE tenant = $1 AND customer_id IS NOT NULL"
    " GROUP BY 1, 2, 3, 4",
    "INSERT INTO customer_feature_daily"
    " SELECT tenant, customer_id, (occurred_at AT TIME ZONE 'UTC')::date, data->>'feature', min(occurred_at),"
    " max(occurred_at)"
    " FROM events WHERE tenant = $1 AND customer_id IS NOT NULL AND action = 'feature.used' AND data ? 'feature'"
    " GROUP BY 1, 2, 3, 4",
    "INSERT INTO customer_invoices"
    " SELECT tenant, customer_id, data->>'invoice_id',"
    " (array_agg((data->>'due_at')::timestamptz ORDER BY occurred_at DESC)"
    " FILTER (WHERE action = 'invoice.issued'))[1],"
    " max(occurred_at) FILTER (WHERE action = 'invoice.issued'),"
    " min(coalesce((data->>'paid_at')::timestamptz, occurred_at)) FILTER (WHERE action = 'invoice.paid')"
    " FROM events WHERE tenant = $1 AND customer_id IS NOT NULL AND action IN ('invoice.issued', 'invoice.paid')"
    " AND data ? 'invoice_id'"
    " GROUP BY 1, 2, 3",
    "INSERT INTO customer_tickets"
    " SELECT tenant, customer_id, data->>'ticket_id',"
    " coalesce((array_agg(coalesce(data->>'priority', 'normal') ORDER BY occurred_at DESC)"
    " FILTER (WHERE action = 'ticket.opened'))[1], 'normal'),"
    " coalesce((array_agg(coalesce((data->>'created_at')::timestamptz, occurred_at) ORDER BY occurred_at DESC)"
    " FILTER (WHERE action = 'ticket.opened'))[1],"
    " min((data->>'created_at')::timestamptz) FILTER (WHERE action = 'ticket.closed')),"
    " max(occurred_at) FILTER (WHERE action = 'ticket.opened'),"
    " min(coalesce((data->>'closed_at')::timestamptz, occurred_at)) FILTER (WHERE action = 'ticket.closed')"
    " FROM events WHERE tenant = $1 AND customer_id IS NOT NULL AND action IN ('ticket.opened', 'ticket.closed')"
    " AND data ? 'ticket_id'"
    " GROUP BY 1, 2, 3",
};

/// The folder's lock (V008): a fold turn that cannot take it is skipped.
constexpr std::string_view kFoldLock = "SELECT pg_advisory_lock(hashtext('auditrail_fold_health_pending'))";
constexpr std::string_view kFoldUnlock = "SELECT pg_advisory_unlock(hashtext('auditrail_fold_health_pending'))";

/// The rebuild's statements in one snapshot, so that a batch the writers commit meanwhile is either in the events
/// read here or in the pending rows left in place, never in both (under READ COMMITTED it could be in both: counted
/// twice). A writer's invoice or ticket upsert on the same rows makes the transaction fail (40001): tried again.
void RebuildInOneSnapshot(pg::Connection& connection, const std::string& tenant) {
    constexpr int kAttempts = 20;
    for (int attempt = 1;; ++attempt) {
        connection.Exec("BEGIN ISOLATION LEVEL REPEATABLE READ");
        try {
            for (const char* sql : kRebuild) connection.Exec(std::string(sql), {tenant});
            connection.Exec("COMMIT");
            return;
        } catch (const pg::QueryError& error) {
            if (!connection.IsBroken()) connection.Exec("ROLLBACK");
            if (!error.IsTransient() || attempt == kAttempts) throw;
        } catch (...) {
            if (!connection.IsBroken()) connection.Exec("ROLLBACK");
            throw;
        }
    }
}

}  // namespace

void RebuildHealthState(pg::Connection& connection, const std::string& tenant) {
    // No fold meanwhile: the folder's lock, taken before the snapshot, makes its turns skip until the rebuild is
    // done. A fold moves pending rows into the daily tables and empties their partition with TRUNCATE, which no
    // snapshot sees; it could add a customer's day twice or make a new daily key collide.
    connection.Exec(kFoldLock);
    try {
        RebuildInOneSnapshot(connection, tenant);
    } catch (...) {
        if (!connection.IsBroken()) connection.Exec(kFoldUnlock);
        throw;
    }
    connection.Exec(kFoldUnlock);
}

int HealthRebuild(int argc, char** argv) {
    common::Options options(
        "auditrail health-rebuild",
        {{"database-url", "AUDITRAIL_DATABASE_URL", pg::LocalDatabaseUrl(), "libpq URI of the primary"},
         {"tenant", "", "", "the tenant to rebuild; every tenant with events or health state when empty"}});
    if (!options.Parse(argc, argv)) return 0;
    pg::Connection connection(options.Get("database-url"));
    std::vector<std::string> tenants;
    if (const std::string& tenant = options.Get("tenant"); !tenant.empty()) {
        if (!auth::IsValidTenant(tenant)) throw common::OptionError("--tenant '" + tenant + "' is not a tenant id");
        const auto known = connection.Exec(
            "SELECT EXISTS (SELECT 1 FROM events WHERE tenant = $1) OR EXISTS (SELECT 1 FROM customer_activity_daily "
            "WHERE tenant = $1) OR EXISTS (SELECT 1 FROM customer_activity_pending WHERE tenant = $1) OR EXISTS "
            "(SELECT 1 FROM customer_invoices WHERE tenant = $1) OR EXISTS (SELECT 1 FROM customer_tickets "
            "WHERE tenant = $1)",
            {tenant});
        if (known.Get(0, 0) != "t") {
            std::cerr << "auditrail health-rebuild: tenant " << tenant << " has no events and no health state\n";
            return 1;
        }
        tenants.push_back(tenant);  // one without events (any longer) gets its state cleared
    } else {
        const auto result = connection.Exec(std::string_view(
            "SELECT DISTINCT tenant FROM events UNION SELECT tenant FROM customer_activity_daily "
            "UNION SELECT tenant FROM customer_activity_pending UNION SELECT tenant FROM customer_feature_daily "
            "UNION SELECT tenant FROM customer_feature_pending "
            "UNION SELECT tenant FROM customer_invoices UNION SELECT tenant FROM customer_tickets ORDER BY 1"));
        for (int row = 0; row < result.Rows(); ++row) tenants.emplace_back(result.Get(row, 0));
    }
    for (const auto& tenant : tenants) {
        RebuildHealthState(connection, tenant);
        std::cout << "rebuilt the health state of " << tenant << "\n";
    }
    return 0;
}

}  // namespace auditrail::tool
