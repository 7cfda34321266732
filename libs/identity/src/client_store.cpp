#include <auditrail/identity/client_store.hpp>

#include <algorithm>
#include <auditrail/identity/password_hash.hpp>
#include <auditrail/identity/roles.hpp>
#include <auditrail/pg/connection.hpp>
#include <stdexcept>

#include "tenants.hpp"

namespace auditrail::identity {
namespace {

const std::string kInsertClient =
    "INSERT INTO service_clients (client_id, tenant, name, secret_hash, scopes) VALUES ($1, $2, $3, $4, $5) "
    "RETURNING " +
    std::string(kCreatedAtUtc);
const std::string kSelectClients = "SELECT client_id, tenant, name, scopes, disabled, " + std::string(kCreatedAtUtc) +
                                   ", secret_hash FROM service_clients";

ServiceClient ClientFromRow(const pg::Result& rows, int row, bool with_hash) {
    ServiceClient client;
    client.client_id = rows.Get(row, 0);
    client.tenant = rows.Get(row, 1);
    client.name = rows.Get(row, 2);
    client.scopes = rows.Get(row, 3);
    client.disabled = rows.Get(row, 4) == "t";
    client.created_at = rows.Get(row, 5);
    if (with_hash) client.secret_hash = rows.Get(row, 6);
    return client;
}

}  // namespace

NewClient CreateClient(pg::Connection& connection, const std::string& tenant, const std::string& name,
                       const std::string& requested_scopes) {
    const std::string scopes = NormalizeScopes(requested_scopes);
    CheckTenant(tenant);
    if (name.empty() || name.size() > 200) throw std::invalid_argument("a client needs a name of 1-200 characters");
    // Control characters would break the one line per client that `clients list` prints.
    const auto is_control = [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7f; };
    if (std::any_of(name.begin(), name.end(), is_control)) {
        throw std::invalid_argument("a client's name may not hold control characters (a new line, a tab)");
    }
    if (!IsKnownScopeList(scopes)) {
        throw std::invalid_argument("scopes must be one or more of: " + std::string(kAllScopes));
    }
    NewClient made;
    made.secret = RandomToken(32);
    made.client.client_id = "cl_" + RandomToken(12);
    made.client.tenant = tenant;
    made.client.name = name;
    made.client.scopes = scopes;
    EnsureTenant(connection, tenant);
    const auto created =
        connection.Exec(kInsertClient, {made.client.client_id, tenant, name, HashSecret(made.secret), scopes});
    made.client.created_at = created.Get(0, 0);
    return made;
}

std::vector<ServiceClient> ListClients(pg::Connection& connection, const std::optional<std::string>& tenant) {
    const auto rows = tenant ? connection.Exec(kSelectClients + " WHERE tenant = $1 ORDER BY created_at", {*tenant})
                             : connection.Exec(kSelectClients + " ORDER BY created_at", {});
    std::vector<ServiceClient> clients;
    for (int row = 0; row < rows.Rows(); ++row) clients.push_back(ClientFromRow(rows, row, false));
    return clients;
}

bool DisableClient(pg::Connection& connection, const std::string& client_id) {
    return connection.Exec("UPDATE service_clients SET disabled = true WHERE client_id = $1", {client_id})
               .AffectedRows() == 1;
}

std::optional<ServiceClient> FindClient(pg::Connection& connection, const std::string& client_id) {
    const auto rows = connection.Exec(kSelectClients + " WHERE client_id = $1", {client_id});
    if (rows.Rows() == 0) return std::nullopt;
    return ClientFromRow(rows, 0, true);
}

}  // namespace auditrail::identity
