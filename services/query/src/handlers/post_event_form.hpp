#pragma once

#include <auditrail/http/request.hpp>
#include <auditrail/http/response.hpp>

#include "../query_context.hpp"

namespace auditrail::query {

/// `POST /customers/{id}/events/new` (a session with `events:write`), a form body: builds the event as JSON and
/// runs it through the ingest decoder, so the rules are the API's. Invalid: the form again (422, one error flash
/// per field, values kept). Valid: written through the ingest write path (health state in the same
/// transaction, `ingested_by` = the user) and, only once committed, 303 to the form with `?recorded=<id>`.
/// Queue full or database down: the form with an error flash, 503.
class PostEventForm {
  public:
    explicit PostEventForm(const QueryContext& context) : context_(context) {}
    http::Response operator()(http::Request& request) const;

  private:
    const QueryContext& context_;
};

}  // namespace auditrail::query
