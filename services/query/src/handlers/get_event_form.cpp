#include "get_event_form.hpp"

#include <auditrail/events/uuid.hpp>
#include <auditrail/http/query_string.hpp>

#include "../database.hpp"
#include "../health_parameters.hpp"
#include "../pages/event_form_page.hpp"
#include "../pages/page_session.hpp"

namespace auditrail::query {
namespace {

/// The recorded event, only when it is this tenant's and this customer's (the id comes from the address bar).
const std::string kSelectRecorded =
    "SELECT action, to_char(occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS') FROM events "
    "WHERE tenant = $1 AND id = $2::uuid AND customer_id = $3::bigint ORDER BY occurred_at DESC LIMIT 1";

/// The success message for `?recorded=`, or nothing when there is no such stored event.
std::optional<Flash> RecordedFlash(const QueryContext& context, const auth::Claims& viewer, std::int64_t customer_id,
                                   std::string_view query) {
    const auto params = http::ParseQuery(query);
    if (!params) return std::nullopt;
    std::optional<std::string> id;
    for (const auto& [name, value] : *params) {
        if (name == "recorded") id = events::CanonicalUuid(value);
    }
    if (!id) return std::nullopt;
    const std::string customer = std::to_string(customer_id);
    return WithDatabase([&]() -> std::optional<Flash> {
        auto connection = context.pool.Acquire();
        const auto result = connection->Exec(kSelectRecorded, {viewer.tenant, *id, customer});
        if (result.Rows() == 0) return std::nullopt;
        return Flash{Flash::Kind::kSuccess, "Recorded " + std::string(result.Get(0, 0)) + " for customer " + customer +
                                                " at " + std::string(result.Get(0, 1)) + " UTC."};
    });
}

}  // namespace

http::Response GetEventForm::operator()(http::Request& request) const {
    auto session = CheckPageSession(request, context_);
    if (!session.viewer) return std::move(session.refusal);
    const auto& viewer = session.viewer;
    if (!viewer->HasScope("events:write")) return PageForbidden(*viewer, "recording events");
    const auto customer_id = ParseCustomerId(request.path_params.at(0));
    if (!customer_id) return PageNotFound(*viewer, "A customer id is a non-negative integer.");

    std::vector<Flash> flashes;
    int status = 200;
    try {
        if (auto recorded = RecordedFlash(context_, *viewer, *customer_id, request.query)) {
            flashes.push_back(std::move(*recorded));
        }
    } catch (const http::HttpError& error) {
        if (error.status != 503) throw;
        // The form still works; only the confirmation could not be read.
        flashes.push_back({Flash::Kind::kError, "The database is unavailable, so the recorded event cannot be shown."});
        status = 503;
    }
    return EventFormPage(status, *viewer, *customer_id, ReadEventForm({}), std::move(flashes));
}

}  // namespace auditrail::query
