#include "options.hpp"

#include "token_tenant.hpp"

#include <auditrail/auth/claims.hpp>
#include <auditrail/common/options.hpp>
#include <auditrail/pg/local_database.hpp>

#include <charconv>
#include <cmath>
#include <cstring>
#include <random>
#include <stdexcept>
#include <string_view>
#include <vector>

namespace auditrail::load {
namespace {

std::string RandomTenant() {
    std::random_device device;
    char buf[16];
    std::snprintf(buf, sizeof buf, "%08x", device());
    return std::string("load-") + buf;
}

double ParsePositiveOrZero(const std::string& name, const std::string& text) {
    double value = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || end != text.data() + text.size() || !std::isfinite(value) || value < 0) {
        throw common::OptionError("--" + name + ": '" + text + "' is not a number ≥ 0");
    }
    return value;
}

bool IsTrueWord(const std::string& text) { return text == "1" || text == "true" || text == "yes"; }
bool IsFalseWord(const std::string& text) { return text == "0" || text == "false" || text == "no"; }

common::OptionError NotTrueOrFalse(const std::string& name, const std::string& text) {
    return common::OptionError("--" + name + ": '" + text + "' is not true or false (e.g. --" + name + "=false)");
}

bool ParseBool(const std::string& name, const std::string& text) {
    if (IsTrueWord(text)) return true;
    if (IsFalseWord(text) || text.empty()) return false;
    throw NotTrueOrFalse(name, text);
}

/// --verify, --json and --gzip are switches: a bare flag means true, and the next word is its value only when it
/// is exactly a boolean word (`--verify false`), so that a switch never swallows the next flag. Any other word
/// there is refused naming the switch, rather than as an argument out of nowhere.
std::vector<std::string> SpellOutSwitches(int argc, char** argv) {
    std::vector<std::string> args;
    for (int i = 0; i < argc; ++i) {
        std::string arg = argv[i];
        if (i > 0 && (arg == "--verify" || arg == "--json" || arg == "--gzip")) {
            const std::string next = i + 1 < argc ? argv[i + 1] : "";
            const bool valued = IsTrueWord(next) || IsFalseWord(next);
            if (!valued && !next.empty() && next.front() != '-') throw NotTrueOrFalse(arg.substr(2), next);
            arg += '=';
            arg += valued ? argv[++i] : "true";
        }
        args.push_back(std::move(arg));
    }
    return args;
}

std::uint16_t ParsePort(const std::string& target, std::string_view text) {
    unsigned port = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), port);
    if (ec != std::errc() || end != text.data() + text.size() || port == 0 || port > 65535) {
        throw common::OptionError("--target: '" + target + "' has no valid port");
    }
    return static_cast<std::uint16_t>(port);
}

/// The tenant the service would take: the same rule as a token's tenant claim (API.md §1).
void CheckTenant(const std::string& tenant, const std::string& where) {
    if (!auth::IsValidTenant(tenant)) {
        throw common::OptionError(
            where + " '" + tenant +
            "' is not a tenant id: 1-63 characters of [a-z0-9_-], starting with a letter or digit");
    }
}

}  // namespace

Target ParseTarget(const std::string& text) {
    const std::string not_host_port = "--target: '" + text + "' is not host:port (an IPv6 address as [::1]:8080)";
    const auto colon = text.rfind(':');
    if (colon == std::string::npos || colon == 0) throw common::OptionError(not_host_port);
    std::string host = text.substr(0, colon);
    if (host.front() == '[') {
        if (host.size() < 3 || host.back() != ']') throw common::OptionError(not_host_port);
        host = host.substr(1, host.size() - 2);
    } else if (host.find_first_of(":[]") != std::string::npos) {
        throw common::OptionError(not_host_port);
    }
    return {std::move(host), ParsePort(text, std::string_view(text).substr(colon + 1))};
}

std::string FormatTarget(const std::string& host, std::uint16_t port) {
    const bool ipv6 = host.find(':') != std::string::npos;
    return (ipv6 ? "[" + host + "]" : host) + ":" + std::to_string(port);
}

std::optional<LoadOptions> ParseLoadOptions(int argc, char** argv) {
    common::Options options(
        "auditrail-load",
        {
            {"target", "AUDITRAIL_LOAD_TARGET", "127.0.0.1:8080", "host:port of the ingest service"},
            {"connections", "", "16", "keep-alive connections"},
            {"threads", "", "1", "I/O threads the connections are spread over"},
            {"rate", "", "0",
             "requests per second offered (open loop; latency counts from the intended send time); 0: closed loop"},
            {"duration", "", "10", "seconds the run lasts (fractions allowed; 0: bounded by --requests only)"},
            {"requests", "", "0", "requests in all, at most (0: bounded by --duration only)"},
            {"warmup", "", "0", "seconds at the start not measured"},
            {"timeout", "", "30", "seconds a request may wait for its answer"},
            {"events-per-request", "", "1", "events in one request (1: a bare event object)"},
            {"message-bytes", "", "48", "bytes of each event's message"},
            {"data-bytes", "", "0", "bytes of each event's data object at least (padded)"},
            {"actions", "", "", "action mix, e.g. user.login=30,invoice.paid=5 [default: a built-in mix]"},
            {"customers", "", "1000", "customer_id drawn from 1..N"},
            {"token", "AUDITRAIL_TOKEN", "", "bearer token to send (else one is minted with the JWT secret)"},
            {"jwt-secret", "AUDITRAIL_JWT_SECRET", "", "HS256 key to mint the token with"},
            {"jwt-issuer", "AUDITRAIL_JWT_ISSUER", "auditrail", "iss of the minted token"},
            {"jwt-audience", "AUDITRAIL_JWT_AUDIENCE", "auditrail", "aud of the minted token"},
            {"tenant", "", "", "tenant to write to [default: the token's, else load-<random>, fresh each run]"},
            {"verify", "", "false",
             "check afterwards that every acknowledged event is stored exactly once (bare: true)"},
            {"database-url", "AUDITRAIL_DATABASE_URL", pg::LocalDatabaseUrl(),
             "libpq URI used by --verify (the services' default: scripts/run's cluster)"},
            {"json", "", "false", "print the report as one JSON object (bare: true)"},
            {"gzip", "", "false", "send each body gzip-compressed (Content-Encoding: gzip; bare: true)"},
        });
    std::vector<std::string> args = SpellOutSwitches(argc, argv);
    std::vector<char*> pointers;
    for (auto& arg : args) pointers.push_back(arg.data());
    if (!options.Parse(static_cast<int>(pointers.size()), pointers.data())) return std::nullopt;

    LoadOptions load;
    Target target = ParseTarget(options.Get("target"));
    load.host = std::move(target.host);
    load.port = target.port;
    load.connections = static_cast<int>(options.GetInt("connections", 1, 100000));
    load.threads = static_cast<int>(options.GetInt("threads", 1, 256));
    load.rate = ParsePositiveOrZero("rate", options.Get("rate"));
    const auto seconds = [&](const std::string& name) {
        // A week bounds every time: far beyond any load run, and far from overflowing a clock's time_point.
        constexpr double kMaxSeconds = 7 * 24 * 3600;
        const double value = ParsePositiveOrZero(name, options.Get(name));
        if (value > kMaxSeconds) {
            throw common::OptionError("--" + name + ": '" + options.Get(name) + "' is more than a week (604800 s)");
        }
        return std::chrono::milliseconds(static_cast<std::int64_t>(std::llround(value * 1000.0)));
    };
    load.duration = seconds("duration");
    load.warmup = seconds("warmup");
    load.timeout = seconds("timeout");
    load.max_requests = static_cast<std::uint64_t>(options.GetInt("requests", 0, INT64_MAX));
    if (load.duration.count() == 0 && load.max_requests == 0) {
        throw common::OptionError("--duration 0 needs --requests N: a run must end by itself");
    }
    if (load.timeout.count() == 0) throw common::OptionError("--timeout must be > 0");
    if (load.duration.count() > 0 && load.warmup >= load.duration) {
        throw common::OptionError("--warmup must be shorter than --duration");
    }

    load.generator.events_per_request = static_cast<int>(options.GetInt("events-per-request", 1, 100000));
    load.generator.message_bytes = static_cast<std::size_t>(options.GetInt("message-bytes", 0, 8192));
    load.generator.data_bytes = static_cast<std::size_t>(options.GetInt("data-bytes", 0, 32000));
    load.generator.customers = static_cast<std::uint64_t>(options.GetInt("customers", 1, INT64_MAX));
    try {
        load.generator.actions =
            options.Get("actions").empty() ? DefaultActionMix() : ParseActionMix(options.Get("actions"));
    } catch (const std::invalid_argument& error) {
        throw common::OptionError(std::string("--actions: ") + error.what());
    }

    load.token = options.Get("token");
    load.jwt_secret = options.Get("jwt-secret");
    load.issuer = options.Get("jwt-issuer");
    load.audience = options.Get("jwt-audience");
    load.tenant = options.Get("tenant");
    if (!load.tenant.empty()) CheckTenant(load.tenant, "--tenant");
    load.verify = ParseBool("verify", options.Get("verify"));
    load.json = ParseBool("json", options.Get("json"));
    load.gzip = ParseBool("gzip", options.Get("gzip"));
    load.database_url = options.Get("database-url");
    if (load.token.empty() && load.jwt_secret.empty()) {
        throw common::OptionError("give --token, or --jwt-secret (AUDITRAIL_JWT_SECRET) to mint one");
    }
    if (!load.token.empty()) {
        // The events go to the token's tenant, whatever --tenant says: name (and verify) that one.
        const auto token_tenant = TokenTenant(load.token);
        if (!token_tenant) throw common::OptionError("--token: not a JWT with a tenant claim");
        CheckTenant(*token_tenant, "--token: its tenant claim");
        if (!load.tenant.empty() && load.tenant != *token_tenant) {
            throw common::OptionError("--tenant '" + load.tenant + "' is not the token's tenant '" + *token_tenant +
                                      "'");
        }
        load.tenant = *token_tenant;
    }
    if (load.tenant.empty()) load.tenant = RandomTenant();
    if (load.verify && load.database_url.empty()) {
        throw common::OptionError("--verify needs --database-url (AUDITRAIL_DATABASE_URL)");
    }
    return load;
}

}  // namespace auditrail::load
