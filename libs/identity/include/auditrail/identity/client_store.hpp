#pragma once

#include <optional>
#include <string>
#include <vector>

namespace auditrail::pg {
class Connection;
}

namespace auditrail::identity {

struct ServiceClient {
    std::string client_id;
    std::string tenant;
    std::string name;
    std::string scopes;  ///< allowed scopes, space-separated
    bool disabled = false;
    std::string created_at;
    std::string secret_hash;  ///< Argon2id; filled only by FindClient
};

/// A client just made: its secret is shown this once and stored only as a hash.
struct NewClient {
    ServiceClient client;
    std::string secret;
};

/// Creates the tenant if needed and a client of it, its scopes stored single-spaced.
/// @throws std::invalid_argument for a bad tenant id, an empty name or an unknown scope.
NewClient CreateClient(pg::Connection& connection, const std::string& tenant, const std::string& name,
                       const std::string& scopes);

/// Every client, or those of one tenant, oldest first (no hashes).
std::vector<ServiceClient> ListClients(pg::Connection& connection, const std::optional<std::string>& tenant);

/// Disables a client; its secret stops working at once. False when no such client.
bool DisableClient(pg::Connection& connection, const std::string& client_id);

/// The client with its secret hash, for authenticating it.
std::optional<ServiceClient> FindClient(pg::Connection& connection, const std::string& client_id);

}  // namespace auditrail::identity
