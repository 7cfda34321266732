#include "commands.hpp"

#include <auditrail/auth/jwt_options.hpp>
#include <auditrail/auth/claims.hpp>
#include <auditrail/auth/signing_key.hpp>
#include <auditrail/common/options.hpp>
#include <auditrail/events/time.hpp>
#include <auditrail/identity/roles.hpp>
#include <auditrail/pg/connection.hpp>
#include <auditrail/pg/local_database.hpp>
#include <auditrail/pg/migrations.hpp>
#include <auditrail/pg/partitions.hpp>

#include <cstdlib>
#include <iostream>

namespace auditrail::tool {
namespace {

common::OptionSpec DatabaseOption() {
    return {"database-url", "AUDITRAIL_DATABASE_URL", pg::LocalDatabaseUrl(), "libpq URI of the primary"};
}

}  // namespace

int Migrate(int argc, char** argv) {
    common::Options options("auditrail migrate",
                            {DatabaseOption(),
                             {"partitions-ahead", "AUDITRAIL_PARTITIONS_AHEAD", "3", "monthly partitions made ahead"}});
    if (!options.Parse(argc, argv)) return 0;
    pg::Connection connection(options.Get("database-url"));
    const int applied = pg::ApplyMigrations(connection);
    pg::EnsurePartitionsAhead(connection, events::NowUs(),
                              static_cast<int>(options.GetInt("partitions-ahead", 0, 24)));
    std::cout << "migrations applied: " << applied << "\n";
    return 0;
}

int Token(int argc, char** argv) {
    common::Options options("auditrail token",
                            {{"tenant", "", "", "tenant the token is confined to (required)"},
                             {"scope", "", "events:write events:read", "space-separated scopes"},
                             {"ttl", "", "3600", "lifetime in seconds"},
                             {"sub", "", "auditrail-cli", "the caller's name, recorded as ingested_by"},
                             {"jwt-secret", "AUDITRAIL_JWT_SECRET", "", "HS256 key (raw bytes)"},
                             {"jwt-signing-key", "AUDITRAIL_JWT_SIGNING_KEY", "",
                              "PEM file of an RSA or P-256 private key: sign RS256/ES256 instead of HS256"},
                             {"jwt-signing-kid", "AUDITRAIL_JWT_SIGNING_KID", "", "the kid of --jwt-signing-key"},
                             {"jwt-issuer", "AUDITRAIL_JWT_ISSUER", "auditrail", "iss claim"},
                             {"jwt-audience", "AUDITRAIL_JWT_AUDIENCE", "auditrail", "aud claim"}});
    if (!options.Parse(argc, argv)) return 0;
    auth::TokenRequest request;
    request.tenant = options.Get("tenant");
    if (!auth::IsValidTenant(request.tenant)) {
        throw common::OptionError("--tenant: '" + request.tenant + "' is not 1-63 of [a-z0-9_-] starting with a letter or digit");
    }
    auth::RefuseShortSecret(options.Get("jwt-secret"));  // the services would refuse it: no token of it is good
    auth::SigningKey key = auth::SigningKey::Hs256(options.Get("jwt-secret"));
    if (!options.Get("jwt-signing-key").empty()) {
        try {
            key = auth::SigningKey::FromPrivateKeyFile(options.Get("jwt-signing-key"), options.Get("jwt-signing-kid"));
        } catch (const std::invalid_argument& error) {
            throw common::OptionError("--jwt-signing-key: " + std::string(error.what()));
        }
    }
    if (key.Empty()) {
        throw common::OptionError("--jwt-secret (AUDITRAIL_JWT_SECRET) or --jwt-signing-key is required");
    }
    // A typo ("events:wirte") would mint a token that every route refuses: say so instead.
    if (!identity::IsKnownScopeList(options.Get("scope"))) {
        throw common::OptionError("--scope: '" + options.Get("scope") + "' is not a list of " +
                                  std::string(identity::kAllScopes) + ", each at most once");
    }
    request.scope = identity::NormalizeScopes(options.Get("scope"));
    request.sub = options.Get("sub");
    // The services record it as each event's ingested_by: an empty one would say nothing of who sent it.
    if (request.sub.empty() || request.sub.size() > 256) throw common::OptionError("--sub: 1-256 characters");
    request.ttl_s = options.GetInt("ttl", 1, 366LL * 24 * 3600);
    request.issuer = options.Get("jwt-issuer");
    request.audience = options.Get("jwt-audience");
    std::cout << key.Sign(request) << "\n";
    return 0;
}

int Partitions(int argc, char** argv) {
    common::Options options("auditrail partitions",
                            {DatabaseOption(),
                             {"ahead", "AUDITRAIL_PARTITIONS_AHEAD", "3", "monthly partitions made ahead"},
                             {"retention-months", "AUDITRAIL_RETENTION_MONTHS", "12",
                              "partitions wholly older than this are detached"},
                             {"retention-action", "AUDITRAIL_RETENTION_ACTION", "detach", "detach or drop"}});
    if (!options.Parse(argc, argv)) return 0;
    const std::string& action = options.Get("retention-action");
    if (action != "detach" && action != "drop") {
        throw common::OptionError("--retention-action (AUDITRAIL_RETENTION_ACTION): '" + action +
                                  "' is not detach or drop");
    }
    pg::Connection connection(options.Get("database-url"));
    const auto changes = connection.Exec(
        "SELECT * FROM auditrail_maintain_partitions($1::int, $2::int, $3::boolean)",
        {std::to_string(options.GetInt("ahead", 0, 24)), std::to_string(options.GetInt("retention-months", 1, 1200)),
         action == "drop" ? "true" : "false"});
    for (int row = 0; row < changes.Rows(); ++row) std::cout << changes.Get(row, 0) << "\n";
    const auto result = connection.Exec(
        "SELECT c.relname, pg_get_expr(c.relpartbound, c.oid) FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid "
        "WHERE i.inhparent = 'events'::regclass ORDER BY c.relname");
    for (int row = 0; row < result.Rows(); ++row) std::cout << result.Get(row, 0) << "  " << result.Get(row, 1) << "\n";
    return 0;
}

}  // namespace auditrail::tool
