#include "health_routes.hpp"

#include "handlers/get_at_risk_customers.hpp"
#include "handlers/get_customer.hpp"
#include "handlers/get_customer_health.hpp"

namespace auditrail::query {

void AddHealthRoutes(http::Router& router, const QueryContext& context) {
    using http::Execution;
    using http::SyncHandler;
    // Literal paths are tried first, so /v1/customers/at-risk is never taken for an id.
    router.Add("GET", "/v1/customers/at-risk", SyncHandler(GetAtRiskCustomers(context)), Execution::kBlocking);
    router.Add("GET", "/v1/customers/{id}", SyncHandler(GetCustomer(context)), Execution::kBlocking);
    router.Add("GET", "/v1/customers/{id}/health", SyncHandler(GetCustomerHealth(context)), Execution::kBlocking);
}

}  // namespace auditrail::query
