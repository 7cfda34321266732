#pragma once

#include "pg_fixture.hpp"
#include "test_client.hpp"

#include <src/config.hpp>
#include <src/ingest_service.hpp>

#include <functional>
#include <memory>

namespace auditrail::test {

/// The ingest service in-process on a free port, against the test database, configured for tests.
class IngestHarness {
public:
    explicit IngestHarness(const std::function<void(ingest::IngestConfig&)>& adjust = {});
    ~IngestHarness();

    std::uint16_t Port() const { return service_->Port(); }
    ingest::IngestService& Service() { return *service_; }
    /// Polls /readyz until it answers 200. @throws std::runtime_error after 15 s.
    void WaitReady();

private:
    std::unique_ptr<ingest::IngestService> service_;
};

/// A POST /v1/events with a bearer token and a content type.
HttpResult PostEvents(TestClient& client, const std::string& token, const std::string& body,
                      const std::string& content_type = "application/json", const Headers& extra = {});

/// One event of a customer as JSON: `action`, `customer_id`, `occurred_at` (RFC 3339) and, when given, `data`
/// (a JSON object's text).
std::string CustomerEvent(int customer_id, const std::string& action, const std::string& occurred_at,
                          const std::string& data = "");

/// For IngestHarness: no background folds of the pending health buckets (the test folds by hand).
void WithoutBackgroundFolds(ingest::IngestConfig& config);

/// Folds turn after turn until none of `tenant`'s buckets is pending (a fold takes one slot; another process's
/// folder may hold the lock for a moment). @throws std::runtime_error when they are still pending after 5 s.
void FoldAllPending(pg::Connection& db, const std::string& tenant);

}  // namespace auditrail::test
