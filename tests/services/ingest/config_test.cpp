// auditrail-ingest's settings: combinations that could never work stop the service at start.
#include <auditrail/common/options.hpp>
#include <catch2/catch.hpp>
#include <src/config.hpp>

#include <string>
#include <vector>

namespace auditrail::ingest {
namespace {

std::optional<IngestConfig> Parse(std::vector<std::string> flags) {
    flags.insert(flags.begin(), "auditrail-ingest");
    flags.push_back("--jwt-secret");
    flags.push_back("a-secret-of-at-least-32-bytes-0123456789");
    std::vector<char*> argv;
    for (auto& flag : flags) argv.push_back(flag.data());
    return ParseIngestConfig(static_cast<int>(argv.size()), argv.data());
}

}  // namespace

TEST_CASE("a request size the queue could never hold stops the ingest service at start", "[ingest]") {
    CHECK(Parse({"--queue-capacity", "5000", "--max-events", "5000"}));
    CHECK_THROWS_WITH(Parse({"--queue-capacity", "1000", "--max-events", "5000"}),
                      Catch::Contains("--max-events (AUDITRAIL_MAX_EVENTS) is larger than --queue-capacity"));
    CHECK_THROWS_WITH(Parse({"--queue-bytes", "1048576", "--max-body-bytes", "2097152"}),
                      Catch::Contains("--max-body-bytes (AUDITRAIL_MAX_BODY_BYTES) is larger than --queue-bytes"));
    CHECK_THROWS_WITH(Parse({"--database-url", "postgresql://u@127.0.0.1:notaport/x"}),
                      Catch::Contains("--database-url (AUDITRAIL_DATABASE_URL) names a port"));
}

TEST_CASE("an HS256 secret shorter than 32 bytes stops the service at start", "[ingest]") {
    std::vector<std::string> flags = {"auditrail-ingest", "--jwt-secret", "only-20-bytes-secret"};
    std::vector<char*> argv;
    for (auto& flag : flags) argv.push_back(flag.data());
    CHECK_THROWS_WITH(ParseIngestConfig(static_cast<int>(argv.size()), argv.data()),
                      Catch::Contains("--jwt-secret (AUDITRAIL_JWT_SECRET) is 20 bytes: an HS256 key needs at least 32"));
}

}  // namespace auditrail::ingest
