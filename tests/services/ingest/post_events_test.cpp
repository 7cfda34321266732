// The POST /v1/events handler on its own: no server, no database.
#include <auditrail/auth/jwt_verifier.hpp>
#include <auditrail/auth/token_signer.hpp>
#include <auditrail/common/metrics.hpp>
#include <auditrail/http/problem.hpp>
#include <src/handlers/post_events.hpp>
#include <auditrail/http/content_coding.hpp>

#include <catch2/catch.hpp>

#include <optional>

namespace auditrail::ingest {
namespace {

constexpr const char* kSecret = "unit-secret";
constexpr std::size_t kBodyLimit = 1024 * 1024;

struct HandlerFixture {
    explicit HandlerFixture(queue::QueueCapacity capacity = {}, bool database_up = true, RateLimit rate = {})
        : verifier(auth::JwtSettings{kSecret}),
          queue(capacity),
          rate_limiter(rate),
          handler(verifier, queue, rate_limiter, events::DecodeLimits{}, kBodyLimit,
                  [database_up] { return database_up; }, metrics) {}

    http::Response Post(const std::string& body, const std::string& scope = "events:write",
                        std::vector<std::pair<std::string, std::string>> extra = {}) {
        auth::TokenRequest token;
        token.tenant = "acme";
        token.scope = scope;
        http::Request request;
        request.method = "POST";
        request.path = "/v1/events";
        // `extra` first: Request::Header answers the first of a name, so an extra content-type wins.
        request.headers = std::move(extra);
        request.headers.emplace_back("authorization", "Bearer " + auth::SignHs256(token, kSecret));
        request.headers.emplace_back("content-type", "application/json; charset=utf-8");
        request.body = body;
        std::optional<http::Response> answer;
        http::Responder responder([&answer](http::Response response) { answer = std::move(response); });
        try {
            handler(request, responder);
        } catch (const http::HttpError& error) {
            return error.ToResponse();
        }
        if (answer) return *answer;
        http::Response none;
        none.status = 0;
        return none;
    }

    common::MetricsRegistry metrics;
    auth::JwtVerifier verifier;
    RequestQueue queue;
    RateLimiter rate_limiter;
    PostEvents handler;
};

std::string Header(const http::Response& response, const std::string& name) {
    for (const auto& [key, value] : response.headers) {
        if (key == name) return value;
    }
    return {};
}

}  // namespace

TEST_CASE("a valid post is queued and waits for its commit", "[ingest]") {
    HandlerFixture fixture;
    const auto answer = fixture.Post(R"({"action":"user.login"})");
    CHECK(answer.status == 0);  // no answer yet: the writer answers after COMMIT
    CHECK(fixture.queue.QueuedEvents() == 1);
    std::vector<WriteRequest> batch;
    REQUIRE(fixture.queue.PopBatch(batch, 10, std::chrono::microseconds(0), std::chrono::microseconds(1000)) == 1);
    CHECK(batch[0].tenant == "acme");
    CHECK(batch[0].ingested_by == "auditrail-cli");
    CHECK(batch[0].events[0].action == "user.login");
}

TEST_CASE("respond-async answers 202 as soon as the events are queued", "[ingest]") {
    HandlerFixture fixture;
    const auto answer = fixture.Post(R"({"events":[{"action":"a"},{"action":"b"}]})", "events:write",
                                     {{"prefer", "respond-async"}});
    CHECK(answer.status == 202);
    CHECK(answer.body.find("\"accepted\":2") != std::string::npos);
    CHECK(fixture.queue.QueuedEvents() == 2);
}

TEST_CASE("Prefer asks for respond-async only with that preference itself", "[ingest]") {
    CHECK(PrefersRespondAsync("respond-async"));
    CHECK(PrefersRespondAsync("Respond-Async"));
    CHECK(PrefersRespondAsync("handling=lenient, respond-async, wait=10"));
    CHECK(PrefersRespondAsync(" respond-async ; x=1"));
    CHECK_FALSE(PrefersRespondAsync(""));
    CHECK_FALSE(PrefersRespondAsync("respond-async-not"));
    CHECK_FALSE(PrefersRespondAsync(R"(handling=strict; note="no-respond-async")"));
    CHECK_FALSE(PrefersRespondAsync("return=respond-async"));
}

TEST_CASE("an async answer says that the preference was applied; a queued one is not yet counted", "[ingest]") {
    HandlerFixture fixture;
    const auto answer = fixture.Post(R"({"action":"a"})", "events:write", {{"prefer", "respond-async"}});
    CHECK(answer.status == 202);
    CHECK(Header(answer, "Preference-Applied") == "respond-async");
    CHECK(fixture.Post(R"({"action":"b"})").status == 0);  // queued, waiting for its commit
    const std::string metrics = fixture.metrics.Render();
    CHECK(metrics.find("auditrail_events_accepted_total{answer=\"202\"} 1\n") != std::string::npos);
    CHECK(metrics.find("answer=\"201\"") == std::string::npos);  // counted when answered, after the commit
}

TEST_CASE("a body in a charset other than UTF-8 is refused with 415", "[ingest]") {
    HandlerFixture fixture;
    const auto latin = fixture.Post(R"({"action":"a"})", "events:write",
                                    {{"content-type", "application/json; charset=latin-1"}});
    CHECK(latin.status == 415);
    CHECK(latin.body.find("charset latin-1 is not supported") != std::string::npos);
    CHECK(fixture.Post(R"({"action":"a"})", "events:write", {{"content-type", "application/json;Charset=\"UTF-8\""}})
              .status == 0);
    CHECK(fixture.queue.QueuedEvents() == 1);
}

TEST_CASE("after shutdown began, a post is refused with 503 saying so, not that the queue is full", "[ingest]") {
    HandlerFixture fixture;
    fixture.queue.Close();
    const auto refused = fixture.Post(R"({"action":"a"})");
    CHECK(refused.status == 503);
    CHECK(refused.body.find("shutting down") != std::string::npos);
    CHECK(Header(refused, "Retry-After") == "1");
    CHECK(fixture.metrics.Render().find("reason=\"shutting_down\"} 1\n") != std::string::npos);
}

TEST_CASE("a full queue answers 503 overloaded with Retry-After at once", "[ingest]") {
    HandlerFixture fixture(queue::QueueCapacity{.events = 1000, .bytes = 1 << 30});
    std::string batch = "{\"events\":[";
    for (int i = 0; i < 600; ++i) batch += i ? ",{\"action\":\"a\"}" : "{\"action\":\"a\"}";
    batch += "]}";
    CHECK(fixture.Post(batch).status == 0);  // queued: 600 of 1000
    const auto refused = fixture.Post(batch);
    CHECK(refused.status == 503);
    CHECK(refused.content_type == "application/problem+json");
    CHECK(refused.body.find("\"code\":\"overloaded\"") != std::string::npos);
    CHECK(Header(refused, "Retry-After") == "1");
    CHECK(fixture.queue.QueuedEvents() == 600);
}

TEST_CASE("a queue already full refuses with 503 before the body is decoded", "[ingest]") {
    HandlerFixture fixture(queue::QueueCapacity{.events = 1000, .bytes = 1 << 30});
    std::string batch = "{\"events\":[";
    for (int i = 0; i < 1000; ++i) batch += i ? ",{\"action\":\"a\"}" : "{\"action\":\"a\"}";
    batch += "]}";
    CHECK(fixture.Post(batch).status == 0);  // queued: the queue is now full
    // Not even JSON: a 503 (not a 400) shows that the body was never looked at.
    const auto refused = fixture.Post("not even json");
    CHECK(refused.status == 503);
    CHECK(refused.body.find("\"code\":\"overloaded\"") != std::string::npos);
    CHECK(Header(refused, "Retry-After") == "1");
    CHECK(fixture.queue.QueuedEvents() == 1000);
}

TEST_CASE("the media type is matched without regard to case, spaces or parameters", "[ingest]") {
    HandlerFixture fixture;
    auto refused = [&fixture](const std::string& type) {
        auth::TokenRequest token;
        token.tenant = "acme";
        token.scope = "events:write";
        http::Request request;
        request.method = "POST";
        request.path = "/v1/events";
        request.headers = {{"authorization", "Bearer " + auth::SignHs256(token, kSecret)}, {"content-type", type}};
        request.body = R"({"action":"a"})";
        http::Responder responder([](http::Response) {});
        try {
            fixture.handler(request, responder);
        } catch (const http::HttpError& error) {
            return error.ToResponse().status;
        }
            return 0;
    };
    CHECK(refused("Application/JSON; charset=utf-8") == 0);
    CHECK(refused(" application/json ;charset=utf-8") == 0);
    CHECK(refused("application/x-ndjson") == 0);
    CHECK(refused("application/jsonx") == 415);
    CHECK(refused("application/jso") == 415);
    CHECK(refused("text/plain") == 415);
    CHECK(refused("") == 415);
}

TEST_CASE("while the database is down posts are refused with 503 and not queued", "[ingest]") {
    HandlerFixture fixture({}, /*database_up=*/false);
    const auto refused = fixture.Post(R"({"action":"a"})");
    CHECK(refused.status == 503);
    CHECK(refused.body.find("\"code\":\"database_unavailable\"") != std::string::npos);
    CHECK_FALSE(Header(refused, "Retry-After").empty());
    CHECK(fixture.queue.QueuedEvents() == 0);
}

TEST_CASE("a tenant over its rate gets 429 with Retry-After and nothing is queued", "[ingest]") {
    HandlerFixture fixture({}, true, RateLimit{.events_per_second = 1, .burst = 2});
    CHECK(fixture.Post(R"({"events":[{"action":"a"},{"action":"b"}]})").status == 0);  // queued
    const auto limited = fixture.Post(R"({"action":"c"})");
    CHECK(limited.status == 429);
    CHECK(limited.body.find("\"code\":\"rate_limited\"") != std::string::npos);
    CHECK(Header(limited, "Retry-After") == "1");
    CHECK(fixture.queue.QueuedEvents() == 2);
}

TEST_CASE("validation errors list every bad event with index and field", "[ingest]") {
    HandlerFixture fixture;
    const auto answer =
        fixture.Post(R"({"events":[{"action":"ok"},{"action":"bad action"},{"action":"x","customer_id":-1}]})");
    CHECK(answer.status == 400);
    CHECK(answer.body.find(R"("code":"validation_failed")") != std::string::npos);
    CHECK(answer.body.find(R"({"index":1,"field":"action")") != std::string::npos);
    CHECK(answer.body.find(R"({"index":2,"field":"customer_id")") != std::string::npos);
    CHECK(fixture.queue.QueuedEvents() == 0);
}

TEST_CASE("an answer lists the first 100 errors and counts the rest", "[ingest]") {
    HandlerFixture fixture;
    std::string body = R"({"action":"a")";
    for (int i = 0; i < 250; ++i) body += ",\"unknown" + std::to_string(i) + "\":0";
    body += "}";
    const auto answer = fixture.Post(body);
    CHECK(answer.status == 400);
    CHECK(answer.body.find(R"("field":"unknown99")") != std::string::npos);
    CHECK(answer.body.find(R"("field":"unknown100")") == std::string::npos);
    CHECK(answer.body.find(R"("errors_not_listed":150)") != std::string::npos);
}

TEST_CASE("a token without events:write is refused before the body is read", "[ingest]") {
    HandlerFixture fixture;
    const auto answer = fixture.Post("not even json", "events:read");
    CHECK(answer.status == 403);
}


TEST_CASE("a gzip body is inflated and queued like the plain one", "[ingest][gzip]") {
    HandlerFixture fixture;
    const auto answer = fixture.Post(http::GzipCompress(R"({"events":[{"action":"a"},{"action":"b"}]})"),
                                     "events:write", {{"content-encoding", "gzip"}});
    CHECK(answer.status == 0);  // queued, waiting for its commit
    CHECK(fixture.queue.QueuedEvents() == 2);
}

TEST_CASE("a body in another coding, a broken gzip stream or a gzip bomb is refused before decoding",
          "[ingest][gzip]") {
    HandlerFixture fixture;
    const auto brotli = fixture.Post("anything", "events:write", {{"content-encoding", "br"}});
    CHECK(brotli.status == 415);
    CHECK(Header(brotli, "Accept-Encoding") == "gzip");
    CHECK(brotli.body.find("\"code\":\"unsupported_media_type\"") != std::string::npos);

    const auto plain = fixture.Post(R"({"action":"a"})", "events:write", {{"content-encoding", "gzip"}});
    CHECK(plain.status == 400);
    CHECK(plain.body.find("\"code\":\"invalid_encoding\"") != std::string::npos);

    const auto bomb = fixture.Post(http::GzipCompress(std::string(4 * kBodyLimit, ' ')), "events:write",
                                   {{"content-encoding", "gzip"}});
    CHECK(bomb.status == 413);
    CHECK(bomb.body.find("\"code\":\"payload_too_large\"") != std::string::npos);

    // A type the service does not take is refused before anything is inflated.
    const auto untyped = fixture.Post(http::GzipCompress(std::string(4 * kBodyLimit, ' ')), "events:write",
                                      {{"content-type", "text/plain"}, {"content-encoding", "gzip"}});
    CHECK(untyped.status == 415);
    CHECK(fixture.queue.QueuedEvents() == 0);
}

}  // namespace auditrail::ingest
