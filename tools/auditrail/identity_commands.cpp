#include "identity_commands.hpp"

#include <auditrail/common/metrics.hpp>
#include <auditrail/common/options.hpp>
#include <auditrail/identity/client_store.hpp>
#include <auditrail/identity/user_store.hpp>
#include <auditrail/pg/connection.hpp>
#include <auditrail/pg/local_database.hpp>

#include <cstdlib>
#include <pwd.h>
#include <termios.h>
#include <unistd.h>

#include <iostream>
#include <string>
#include <src/audit_events.hpp>
#include <unistd.h>

namespace auditrail::tool {
namespace {

common::OptionSpec DatabaseOption() {
    return {"database-url", "AUDITRAIL_DATABASE_URL", pg::LocalDatabaseUrl(), "libpq URI of the primary"};
}

/// A password from AUDITRAIL_USER_PASSWORD or the first line of standard input, so that it never has
/// to appear on a command line (where `ps` would show it).
std::string ReadPassword() {
    if (const char* from_env = std::getenv("AUDITRAIL_USER_PASSWORD"); from_env && *from_env) return from_env;
    std::string password;
    termios saved{};
    if (isatty(STDIN_FILENO) && ::tcgetattr(STDIN_FILENO, &saved) == 0) {
        // Typed at a terminal: not echoed.
        std::cerr << "password: " << std::flush;
        termios quiet = saved;
        quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
        ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
        std::getline(std::cin, password);
        ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved);
        std::cerr << "\n";
    } else {
        std::getline(std::cin, password);
    }
    if (!password.empty() && password.back() == '\r') password.pop_back();  // a line from a CRLF file
    return password;
}

/// Who runs this command: $USER, else the login name of the effective user (cron, systemd and `docker exec` set
/// no USER), else the numeric uid: an audit event always says who.
std::string OperatorName() {
    if (const char* user = std::getenv("USER"); user && *user) return user;
    if (const passwd* entry = ::getpwuid(::geteuid()); entry && entry->pw_name && *entry->pw_name) {
        return entry->pw_name;
    }
    return "uid " + std::to_string(::geteuid());
}

/// Records an operator's change as an event of the tenant (category auditrail, ingested_by auditrail-cli),
/// through the ingest write path; returns once it is written (or the writer gave up after its drain timeout).
void RecordChange(const std::string& database_url, ingest::AuditEntry entry) {
    common::MetricsRegistry metrics;
    ingest::AuditLog audit(database_url, metrics, "auditrail-cli");
    entry.actor_type = "operator";
    entry.actor_id = OperatorName();
    audit.Record(entry);
    audit.Drain();
}

int Usage(const char* what) {
    std::cerr << "usage: auditrail " << what << "\n";
    return 2;
}

}  // namespace

int Clients(int argc, char** argv) {
    if (argc < 2) return Usage("clients create|list|disable [--option VALUE]...");
    const std::string action = argv[1];
    // Before any connection: help and a mistyped action need no database.
    if (action != "create" && action != "list" && action != "disable") {
        std::cerr << "usage: auditrail clients create|list|disable [--option VALUE]... "
                  << "(auditrail clients create --help lists the options)\n";
        return action == "--help" || action == "-h" ? 0 : 2;
    }
    common::Options options("auditrail clients " + action,
                            {DatabaseOption(),
                             {"tenant", "", "", "the client's tenant (create; filter for list)"},
                             {"name", "", "", "a name for people (create)"},
                             {"scopes", "", "events:write", "scopes its tokens may carry (create)"},
                             {"client-id", "", "", "the client to disable (disable)"}});
    if (!options.Parse(argc - 1, argv + 1)) return 0;
    pg::Connection connection(options.Get("database-url"));
    if (action == "create") {
        const auto made = identity::CreateClient(connection, options.Get("tenant"), options.Get("name"),
                                                 options.Get("scopes"));
        RecordChange(options.Get("database-url"),
                     {.tenant = made.client.tenant,
                      .action = "client.created",
                      .resource_type = "client",
                      .resource_id = made.client.client_id,
                      .message = "service client created with scopes: " + made.client.scopes});
        std::cout << "client_id:     " << made.client.client_id << "\nclient_secret: " << made.secret
                  << "\n(the secret is shown once; only its hash is stored)\n";
        return 0;
    }
    if (action == "list") {
        const std::string& tenant = options.Get("tenant");
        for (const auto& client :
             identity::ListClients(connection, tenant.empty() ? std::nullopt : std::optional(tenant))) {
            std::cout << client.client_id << "  " << client.tenant << "  " << client.name << "  [" << client.scopes
                      << "]" << (client.disabled ? "  disabled" : "") << "  " << client.created_at << "\n";
        }
        return 0;
    }
    if (action == "disable") {
        const auto client = identity::FindClient(connection, options.Get("client-id"));
        if (client && identity::DisableClient(connection, client->client_id)) {
            RecordChange(options.Get("database-url"), {.tenant = client->tenant,
                                                       .action = "client.disabled",
                                                       .resource_type = "client",
                                                       .resource_id = client->client_id,
                                                       .message = "service client disabled"});
            std::cout << "disabled " << client->client_id << ": it gets no new tokens; tokens it already holds "
                      << "stay valid until they expire (1 h after they were granted)\n";
            return 0;
        }
        std::cerr << "auditrail clients disable: no client " << options.Get("client-id") << "\n";
        return 1;
    }
    return Usage("clients create|list|disable [--option VALUE]...");
}

int Users(int argc, char** argv) {
    if (argc < 2) return Usage("users create|list|deactivate [--option VALUE]...");
    const std::string action = argv[1];
    // Before any connection: help and a mistyped action need no database.
    if (action != "create" && action != "list" && action != "deactivate") {
        std::cerr << "usage: auditrail users create|list|deactivate [--option VALUE]... "
                  << "(auditrail users create --help lists the options)\n";
        return action == "--help" || action == "-h" ? 0 : 2;
    }
    common::Options options("auditrail users " + action,
                            {DatabaseOption(),
                             {"tenant", "", "", "the user's tenant (deactivate: optional, checked when given)"},
                             {"email", "", "",
                              "sign-in email (create, deactivate; create reads the password from "
                              "AUDITRAIL_USER_PASSWORD, else from the first line of standard input)"},
                             {"role", "", "analyst", "owner, admin, analyst or content_creator (create)"}});
    if (!options.Parse(argc - 1, argv + 1)) return 0;
    pg::Connection connection(options.Get("database-url"));
    if (action == "create") {
        const auto user = identity::CreateUser(connection, options.Get("tenant"), options.Get("email"), ReadPassword(),
                                               options.Get("role"));
        RecordChange(options.Get("database-url"), {.tenant = user.tenant,
                                                   .action = "user.created",
                                                   .resource_type = "user",
                                                   .resource_id = user.id,
                                                   .message = "user created with role " + user.role});
        std::cout << user.id << "  " << user.email << "  " << user.role << "\n";
        return 0;
    }
    if (action == "list") {
        if (options.Get("tenant").empty()) throw common::OptionError("list needs --tenant");
        for (const auto& user : identity::ListUsers(connection, options.Get("tenant"))) {
            std::cout << user.id << "  " << user.email << "  " << user.role << (user.active ? "" : "  inactive") << "  "
                      << user.created_at << "\n";
        }
        return 0;
    }
    if (action == "deactivate") {
        const std::string& tenant = options.Get("tenant");
        auto user = identity::FindUserByEmail(connection, options.Get("email"));
        if (user && !tenant.empty() && user->tenant != tenant) user.reset();  // --tenant, when given, must match
        if (user && !user->active) {
            std::cout << user->id << " (" << user->email << ") is already inactive\n";
            return 0;
        }
        if (user && identity::DeactivateUser(connection, user->id)) {
            RecordChange(options.Get("database-url"), {.tenant = user->tenant,
                                                       .action = "user.deactivated",
                                                       .resource_type = "user",
                                                       .resource_id = user->id,
                                                       .message = "user deactivated"});
            std::cout << "deactivated " << user->id << " (" << user->email << "): it can no longer sign in, and "
                      << "its sessions end at once on the pages and the query API\n";
            return 0;
        }
        std::cerr << "auditrail users deactivate: no user " << options.Get("email")
                  << (tenant.empty() ? "" : " in tenant " + tenant) << "\n";
        return 1;
    }
    return Usage("users create|list|deactivate [--option VALUE]...");
}

}  // namespace auditrail::tool
