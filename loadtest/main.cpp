// auditrail-load: wiring only. See src/client_pool.cpp for the load, src/verifier.cpp for the check.
#include "src/client_pool.hpp"
#include "src/options.hpp"
#include "src/report.hpp"
#include "src/verify_pg.hpp"

#include <auditrail/auth/token_signer.hpp>
#include <auditrail/common/options.hpp>

#include <iostream>

int main(int argc, char** argv) {
    using namespace auditrail;
    std::optional<load::LoadOptions> options;
    try {
        options = load::ParseLoadOptions(argc, argv);
        if (!options) return 0;
    } catch (const common::OptionError& error) {
        std::cerr << "auditrail-load: " << error.what() << "\n";
        return 2;
    }
    std::string token = options->token;
    if (token.empty()) {
        const auto seconds = std::chrono::duration_cast<std::chrono::seconds>(options->duration + options->timeout);
        token = auth::SignHs256({.tenant = options->tenant,
                                 .scope = "events:write",
                                 .sub = "auditrail-load",
                                 .issuer = options->issuer,
                                 .audience = options->audience,
                                 .ttl_s = seconds.count() + 3600},
                                options->jwt_secret);
    }
    load::RunResult result;
    try {
        result = load::RunLoad(*options, token);
    } catch (const std::exception& error) {
        std::cerr << "auditrail-load: " << error.what() << "\n";
        return 1;
    }
    load::Report report{*options, result, std::nullopt, {}};
    if (options->verify) {
        load::IdLedger ledger;
        ledger.Append(result.stats.acked);
        const std::size_t twice = ledger.Seal();
        try {
            report.verdict = load::Judge(ledger.Ids().size(), twice,
                                         load::QueryStoredCounts(options->database_url, options->tenant, ledger));
        } catch (const std::exception& error) {
            report.verify_error = error.what();
        }
    }
    std::cout << (options->json ? load::FormatJson(report) : load::FormatText(report)) << std::flush;
    if (!report.verify_error.empty() || (report.verdict && !report.verdict->ok)) return 1;
    return result.stats.ok_requests > 0 ? 0 : 3;
}
