// auditrail: the operator's tool. One function per subcommand, in commands.cpp.
#include "commands.hpp"
#include "demo.hpp"
#include "health_rebuild.hpp"
#include "identity_commands.hpp"

#include <auditrail/common/options.hpp>

#include <cstring>
#include <stdexcept>
#include <iostream>

namespace {

constexpr const char* kUsage =
    "usage: auditrail <command> [--option VALUE]...\n\n"
    "commands:\n"
    "  migrate      apply the database migrations and make partitions ahead\n"
    "  token        print a signed JWT: --tenant T --scope \"events:write events:read\" [--ttl S] [--sub NAME]\n"
    "  partitions   make partitions ahead and list the existing ones\n"
    "  demo         load demo tenants, customers and events: [--events N] [--tenants T] [--months M]\n"
    "  health-rebuild  recompute the health state tables from events: [--tenant T]\n"
    "  clients      service clients: create --tenant T --name N --scopes S | list [--tenant T] | disable --client-id ID\n"
    "  users        people: create --tenant T --email E --role R (password on stdin) | list --tenant T\n"
    "               | deactivate --email E [--tenant T]\n\n"
    "`auditrail <command> --help` lists a command's options.\n";

}  // namespace

int main(int argc, char** argv) {
    using namespace auditrail;
    if (argc < 2 || !std::strcmp(argv[1], "--help") || !std::strcmp(argv[1], "-h")) {
        std::cout << kUsage;
        return argc < 2 ? 2 : 0;
    }
    const std::string command = argv[1];
    try {
        if (command == "migrate") return tool::Migrate(argc - 1, argv + 1);
        if (command == "token") return tool::Token(argc - 1, argv + 1);
        if (command == "partitions") return tool::Partitions(argc - 1, argv + 1);
        if (command == "demo") return tool::Demo(argc - 1, argv + 1);
        if (command == "health-rebuild") return tool::HealthRebuild(argc - 1, argv + 1);
        if (command == "clients") return tool::Clients(argc - 1, argv + 1);
        if (command == "users") return tool::Users(argc - 1, argv + 1);
    } catch (const common::OptionError& error) {
        std::cerr << "auditrail " << command << ": " << error.what() << "\n";
        return 2;
    } catch (const std::invalid_argument& error) {
        // A value the command refuses (a bad scope list, email or role): a usage error, as a bad flag is.
        std::cerr << "auditrail " << command << ": " << error.what() << "\n";
        return 2;
    } catch (const std::exception& error) {
        std::cerr << "auditrail " << command << ": " << error.what() << "\n";
        return 1;
    }
    std::cerr << "auditrail: unknown command '" << command << "'\n" << kUsage;
    return 2;
}
