#include "post_event_form.hpp"

#include <algorithm>
#include <auditrail/events/decode.hpp>
#include <auditrail/events/time.hpp>

#include "../event_recorder.hpp"
#include "../form_body.hpp"
#include "../health_parameters.hpp"
#include "../pages/event_form_page.hpp"
#include "../pages/page_session.hpp"

namespace auditrail::query {
namespace {

/// Why a valid event was not recorded, for the error flash; every one is a 503.
std::string NotRecordedText(RecordStatus status) {
    switch (status) {
        case RecordStatus::kOverloaded:
            return "Too many events are waiting to be written. Try again in a moment.";
        case RecordStatus::kUnavailable:
            return "The database is unavailable, so the event was not recorded. Try again later.";
        case RecordStatus::kNotStored:
            return "The database did not answer in time, so the event was not recorded. Try again.";
        case RecordStatus::kUnknown:
            return "The database did not confirm the event in time; it may have been recorded. Check the customer's "
                   "events before trying again.";
        case RecordStatus::kFailed:
        case RecordStatus::kRecorded:
            break;
    }
    return "The database refused the event, so it was not recorded.";
}

bool IsCustomerActivityAction(std::string_view action) {
    const auto& actions = CustomerActivityActions();
    return std::find(actions.begin(), actions.end(), action) != actions.end();
}

}  // namespace

http::Response PostEventForm::operator()(http::Request& request) const {
    auto session = CheckPageSession(request, context_);
    if (!session.viewer) return std::move(session.refusal);
    const auto& viewer = session.viewer;
    if (!viewer->HasScope("events:write")) return PageForbidden(*viewer, "recording events");
    const auto customer_id = ParseCustomerId(request.path_params.at(0));
    if (!customer_id) return PageNotFound(*viewer, "A customer id is a non-negative integer.");

    const auto form = IsFormBody(request) ? ParseForm(request.body) : std::nullopt;
    if (!form) {
        return EventFormPage(400, *viewer, *customer_id, ReadEventForm({}),
                             {{Flash::Kind::kError, "The form could not be read; fill it in and send it again."}});
    }
    const EventFormValues values = ReadEventForm(*form);

    // One set of rules: the API's decoder and validator judge the event; the form adds only that it records
    // customer activity.
    std::vector<Flash> errors;
    const std::string& action = values.at("action");
    const bool foreign_action = !action.empty() && !IsCustomerActivityAction(action);
    if (foreign_action) {
        errors.push_back({Flash::Kind::kError, "Action (action): must be one of the customer-activity actions"});
    }
    auto decoded = events::DecodeJson(EventJsonOf(values, *customer_id), events::NowUs(), events::DecodeLimits{});
    for (const auto& error : decoded.errors) {
        if (error.field == "action" && foreign_action) continue;  // already said
        errors.push_back({Flash::Kind::kError, FieldErrorText(error)});
    }
    if (decoded.status != events::DecodeStatus::kOk && decoded.errors.empty()) {
        errors.push_back({Flash::Kind::kError, "The event is invalid: " + decoded.detail});
    }
    if (!errors.empty() || decoded.events.size() != 1) {
        return EventFormPage(422, *viewer, *customer_id, values, std::move(errors));
    }

    if (context_.recorder == nullptr) {
        return EventFormPage(503, *viewer, *customer_id, values,
                             {{Flash::Kind::kError, "Recording events is not available on this server."}});
    }
    const std::string id = decoded.events.front().id;
    const RecordStatus status =
        context_.recorder->Record(viewer->tenant, viewer->sub, std::move(decoded.events.front()));
    if (status != RecordStatus::kRecorded) {
        auto page = EventFormPage(503, *viewer, *customer_id, values, {{Flash::Kind::kError, NotRecordedText(status)}});
        return page.With("Retry-After", "2");
    }
    return RedirectTo("/customers/" + std::to_string(*customer_id) + "/events/new?recorded=" + id);
}

}  // namespace auditrail::query
