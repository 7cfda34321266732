#include "post_events.hpp"

#include <auditrail/common/json.hpp>
#include <auditrail/common/metrics.hpp>
#include <auditrail/events/time.hpp>
#include <auditrail/http/authenticate.hpp>
#include <auditrail/http/content_coding.hpp>
#include <auditrail/http/header_values.hpp>
#include <auditrail/http/problem.hpp>

#include <algorithm>
#include <atomic>

namespace auditrail::ingest {
namespace {

http::Response Overloaded() {
    return http::Problem(503, "overloaded", "the write queue is full; retry later").With("Retry-After", "1");
}

http::Response ShuttingDown() {
    return http::Problem(503, "overloaded", "the service is shutting down and takes no more events; retry")
        .With("Retry-After", "1");
}

/// The errors an answer lists at most; a body of a megabyte can hold a hundred thousand unknown keys, and listing
/// each would make the answer several times larger than the request.
constexpr std::size_t kListedErrors = 100;

std::string ErrorsMember(const std::vector<events::FieldError>& errors) {
    std::string out = "\"errors\":[";
    const std::size_t listed = std::min(errors.size(), kListedErrors);
    for (std::size_t i = 0; i < listed; ++i) {
        if (i) out.push_back(',');
        out += "{\"index\":" + std::to_string(errors[i].index) + ",\"field\":";
        common::AppendJsonString(out, errors[i].field);
        out += ",\"message\":";
        common::AppendJsonString(out, errors[i].message);
        out.push_back('}');
    }
    out.push_back(']');
    if (listed < errors.size()) out += ",\"errors_not_listed\":" + std::to_string(errors.size() - listed);
    return out;
}

std::string AcceptedBody(const std::vector<events::Event>& events) {
    std::string body = "{\"accepted\":" + std::to_string(events.size()) + ",\"ids\":[";
    body.reserve(body.size() + events.size() * 40 + 2);
    for (std::size_t i = 0; i < events.size(); ++i) {
        if (i) body.push_back(',');
        body.push_back('"');
        body += events[i].id;
        body.push_back('"');
    }
    body += "]}";
    return body;
}

const std::string kAnswered201 = common::Label("answer", "201");
const std::string kAnswered202 = common::Label("answer", "202");
const std::string kWriteFailed = common::Label("reason", "write_failed");
const std::string kWriteTimeout = common::Label("reason", "write_timeout");

http::Response Unavailable(std::string_view detail) {
    return http::Problem(503, "database_unavailable", detail).With("Retry-After", "2");
}

}  // namespace

bool PrefersRespondAsync(std::string_view prefer) {
    // RFC 7240: comma-separated preferences, each a token, optionally `=value`, then `;` parameters.
    for (std::size_t start = 0; start <= prefer.size();) {
        auto end = prefer.find(',', start);
        if (end == std::string_view::npos) end = prefer.size();
        const auto preference = prefer.substr(start, end - start);
        if (http::EqualsIgnoringCase(http::TrimmedOws(preference.substr(0, preference.find_first_of(";="))),
                                     "respond-async")) {
            return true;
        }
        start = end + 1;
    }
    return false;
}

PostEvents::PostEvents(const auth::JwtVerifier& verifier, RequestQueue& queue, RateLimiter& rate_limiter,
                       events::DecodeLimits limits, std::size_t max_body_bytes, std::function<bool()> database_up,
                       common::MetricsRegistry& metrics, const http::SessionCheck* session_check)
    : verifier_(verifier),
      queue_(queue),
      rate_limiter_(rate_limiter),
      limits_(limits),
      max_body_bytes_(max_body_bytes),
      database_up_(std::move(database_up)),
      session_check_(session_check),
      accepted_(metrics.Counter("auditrail_events_accepted_total", "Events accepted, by answer")),
      rejected_(metrics.Counter("auditrail_events_rejected_total", "Events (or bodies) refused, by reason")) {}

/// Undoes a gzip Content-Encoding in place; any other coding, a broken stream or a body that inflates past the
/// body limit is refused.
void PostEvents::DecodeBody(http::Request& request) const {
    using Status = http::BodyDecoding::Status;
    const auto decoding =
        http::DecodeContentEncoding(request.Header("content-encoding"), request.body, max_body_bytes_);
    switch (decoding.status) {
        case Status::kOk: return;
        case Status::kUnsupported: {
            rejected_.Add(common::Label("reason", "unsupported_media_type"));
            http::HttpError error(415, "unsupported_media_type", decoding.detail);
            error.headers.emplace_back("Accept-Encoding", "gzip");  // RFC 9110 §15.5.16
            throw error;
        }
        case Status::kCorrupt:
            rejected_.Add(common::Label("reason", "invalid_encoding"));
            throw http::HttpError(400, "invalid_encoding", decoding.detail);
        case Status::kTooLarge:
            rejected_.Add(common::Label("reason", "payload_too_large"));
            throw http::HttpError(413, "payload_too_large", decoding.detail);
    }
}

void PostEvents::operator()(http::Request& request, http::Responder responder) const {
    const auth::Claims claims = http::Authenticate(request, verifier_, "events:write", session_check_);

    // A full queue refuses at once, before the body is decoded: under overload the CPU is kept for the writes.
    // (TryPush below stays the bound; this only spares the work of a request that could not be queued.)
    if (queue_.QueuedEvents() >= queue_.Capacity().events) {
        rejected_.Add(common::Label("reason", "overloaded"));
        responder.Send(Overloaded());
        return;
    }

    // The body's format first, so that a request of an unsupported type is refused before any inflating.
    using Decoder = events::DecodeResult (*)(std::string_view, events::TimeUs, const events::DecodeLimits&);
    const std::string_view content_type = request.Header("content-type");
    Decoder decode = nullptr;
    if (const auto charset = http::MediaTypeParameter(content_type, "charset");
        !charset.empty() && !http::EqualsIgnoringCase(charset, "utf-8")) {
        rejected_.Add(common::Label("reason", "unsupported_media_type"));
        throw http::HttpError(415, "unsupported_media_type",
                              "charset " + std::string(charset) + " is not supported: events are UTF-8");
    }
    if (http::IsMediaType(content_type, "application/json")) {
        decode = events::DecodeJson;
    } else if (http::IsMediaType(content_type, "application/x-ndjson")) {
        decode = events::DecodeNdjson;
    } else if (http::IsMediaType(content_type, "application/x-protobuf")) {
        decode = events::DecodeProtobuf;
    } else {
        const std::string media_type = http::MediaTypeOf(content_type);
        rejected_.Add(common::Label("reason", "unsupported_media_type"));
        throw http::HttpError(415, "unsupported_media_type",
                              (media_type.empty() ? std::string("a Content-Type is required")
                                                  : "Content-Type " + media_type + " is not supported") +
                                  ": use application/json, application/x-ndjson or application/x-protobuf");
    }
    DecodeBody(request);
    const events::TimeUs now = events::NowUs();
    events::DecodeResult decoded = decode(request.body, now, limits_);

    switch (decoded.status) {
        case events::DecodeStatus::kOk: break;
        case events::DecodeStatus::kInvalidJson:
            rejected_.Add(common::Label("reason", "invalid_json"));
            throw http::HttpError(400, "invalid_json", decoded.detail,
                                  decoded.errors.empty() ? std::string() : ErrorsMember(decoded.errors));
        case events::DecodeStatus::kValidationFailed:
            rejected_.Add(common::Label("reason", "validation_failed"),
                          std::max<std::size_t>(1, decoded.errors.size()));
            throw http::HttpError(400, "validation_failed", decoded.detail, ErrorsMember(decoded.errors));
        case events::DecodeStatus::kInvalidProtobuf:
            rejected_.Add(common::Label("reason", "invalid_protobuf"));
            throw http::HttpError(400, "invalid_protobuf", decoded.detail);
        case events::DecodeStatus::kTooManyEvents:
            rejected_.Add(common::Label("reason", "payload_too_large"));
            throw http::HttpError(413, "payload_too_large", decoded.detail);
    }

    // While no writer can reach the database, refuse at once rather than queue events that would
    // outlive their 503.
    if (!database_up_()) {
        rejected_.Add(common::Label("reason", "database_unavailable"), decoded.events.size());
        responder.Send(Unavailable("the database is unreachable; retry later"));
        return;
    }

    if (const auto wait_s = rate_limiter_.TryTake(claims.tenant, decoded.events.size())) {
        rejected_.Add(common::Label("reason", "rate_limited"), decoded.events.size());
        http::HttpError error(429, "rate_limited", "tenant " + claims.tenant + " is over its write rate; retry in " +
                                                 std::to_string(wait_s) + " s");
        error.headers.emplace_back("Retry-After", std::to_string(wait_s));
        throw error;
    }

    const bool async = PrefersRespondAsync(request.Header("prefer"));
    const std::size_t count = decoded.events.size();
    std::string body = AcceptedBody(decoded.events);
    std::size_t bytes = sizeof(WriteRequest);
    for (const auto& event : decoded.events) bytes += events::ApproxBytes(event);

    WriteRequest write;
    write.tenant = claims.tenant;
    write.ingested_by = claims.sub;
    write.received_at = now;
    write.events = std::move(decoded.events);
    if (async) {
        write.ticket = std::make_shared<queue::CommitTicket>([](queue::CommitOutcome) {});
    } else {
        // Counted by the answer they get, once they get it: the commit's, or the timeout's when that came first (a
        // commit after the timeout answers no one).
        auto counted = std::make_shared<std::atomic<bool>>(false);
        write.ticket = std::make_shared<queue::CommitTicket>(
            [responder, body = std::move(body), count, counted, &accepted = accepted_,
             &rejected = rejected_](queue::CommitOutcome outcome) mutable {
                const bool first = !counted->exchange(true);
                if (outcome == queue::CommitOutcome::kCommitted) {
                    if (first) accepted.Add(kAnswered201, count);
                    responder.Send(http::Json(201, std::move(body)));
                } else {
                    if (first) rejected.Add(kWriteFailed, count);
                    responder.Send(Unavailable("the events could not be written; retry later"));
                }
            });
        responder.OnTimeout([ticket = write.ticket, count, counted, &rejected = rejected_] {
            // Abandoned before any write was attempted: it will never be written. Otherwise a write is under way,
            // or one failed on a lost connection, perhaps after its commit: the outcome is unknown here, and a
            // retry with the same ids is safe either way.
            const bool never_written = ticket->Abandon() && !ticket->Attempted();
            if (!counted->exchange(true)) rejected.Add(kWriteTimeout, count);
            return Unavailable(never_written ? "the database did not commit in time; the events were not stored"
                                             : "the database did not commit in time; retry with the same ids");
        });
    }
    if (!queue_.TryPush(write, count, bytes)) {
        const bool closed = queue_.IsClosed();
        rejected_.Add(common::Label("reason", closed ? "shutting_down" : "overloaded"), count);
        responder.Send(closed ? ShuttingDown() : Overloaded());
        return;
    }
    if (async) {
        accepted_.Add(kAnswered202, count);
        responder.Send(http::Json(202, std::move(body)).With("Preference-Applied", "respond-async"));
    }
}

}  // namespace auditrail::ingest
