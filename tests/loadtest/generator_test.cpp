#include <auditrail/events/decode.hpp>
#include <auditrail/events/time.hpp>
#include <catch2/catch.hpp>
#include <loadtest/src/generator.hpp>
#include <set>
#include <stdexcept>

namespace auditrail::load {
namespace {

TEST_CASE("every action of the default mix makes events the service accepts", "[loadtest][generator]") {
    const events::TimeUs now = events::NowUs();
    for (const auto& entry : DefaultActionMix()) {
        CAPTURE(entry.action);
        GeneratorSettings settings;
        settings.actions = {{entry.action, 1}};
        settings.data_bytes = 200;
        EventGenerator generator(settings, 42);
        std::string body;
        std::vector<events::UuidBytes> ids;
        generator.NextBody(now, body, &ids);
        const auto decoded = events::DecodeJson(body, now, events::DecodeLimits{});
        CAPTURE(body, decoded.detail);
        REQUIRE(decoded.status == events::DecodeStatus::kOk);
        REQUIRE(decoded.events.size() == 1);
        REQUIRE(decoded.events[0].action == entry.action);
        REQUIRE(decoded.events[0].occurred_at == now);
        REQUIRE(events::ParseUuid(decoded.events[0].id) == ids.at(0));
    }
}

TEST_CASE("a batch carries the asked number of events, with distinct ids in order", "[loadtest][generator]") {
    GeneratorSettings settings;
    settings.events_per_request = 100;
    EventGenerator generator(settings, 7);
    std::string body;
    std::vector<events::UuidBytes> ids;
    const events::TimeUs now = events::NowUs();
    generator.NextBody(now, body, &ids);
    generator.NextBody(now, body, &ids);  // ids accumulate; the body is replaced
    REQUIRE(ids.size() == 200);
    REQUIRE(std::set<events::UuidBytes>(ids.begin(), ids.end()).size() == 200);
    const auto decoded = events::DecodeJson(body, now, events::DecodeLimits{});
    REQUIRE(decoded.status == events::DecodeStatus::kOk);
    REQUIRE(decoded.events.size() == 100);
    for (std::size_t i = 0; i < 100; ++i) REQUIRE(events::ParseUuid(decoded.events[i].id) == ids[100 + i]);
}

TEST_CASE("message and data sizes follow the settings", "[loadtest][generator]") {
    const events::TimeUs now = events::NowUs();
    for (std::size_t message : {0u, 1u, 48u, 8192u}) {
        for (std::size_t data : {0u, 64u, 300u, 4000u}) {
            CAPTURE(message, data);
            GeneratorSettings settings;
            settings.actions = {{"document.viewed", 1}};
            settings.message_bytes = message;
            settings.data_bytes = data;
            EventGenerator generator(settings, 1);
            std::string body;
            generator.NextBody(now, body, nullptr);
            const auto decoded = events::DecodeJson(body, now, events::DecodeLimits{});
            REQUIRE(decoded.status == events::DecodeStatus::kOk);
            const auto& event = decoded.events.at(0);
            REQUIRE(event.message.value_or("").size() == message);
            REQUIRE(event.data.has_value());
            if (data > 40) REQUIRE(event.data->size() == data);  // the action's own fields are about 30 bytes
        }
    }
}

TEST_CASE("an action mix is parsed from name=weight pairs", "[loadtest][generator]") {
    const auto mix = ParseActionMix("user.login=30,invoice.paid,api.call=2");
    REQUIRE(mix.size() == 3);
    REQUIRE(mix[0].action == "user.login");
    REQUIRE(mix[0].weight == 30);
    REQUIRE(mix[1].action == "invoice.paid");
    REQUIRE(mix[1].weight == 1);
    REQUIRE(mix[2].weight == 2);
    for (const char* bad : {"", "user.login=0", "user.login=x", "a b=1", "=3", "user.login=-1"}) {
        CAPTURE(bad);
        REQUIRE_THROWS_AS(ParseActionMix(bad), std::invalid_argument);
    }
}

TEST_CASE("actions are drawn in proportion to their weights", "[loadtest][generator]") {
    GeneratorSettings settings;
    settings.actions = {{"user.login", 3}, {"user.logout", 1}};
    settings.events_per_request = 1000;
    EventGenerator generator(settings, 99);
    std::string body;
    const events::TimeUs now = events::NowUs();
    generator.NextBody(now, body, nullptr);
    const auto decoded = events::DecodeJson(body, now, events::DecodeLimits{});
    REQUIRE(decoded.status == events::DecodeStatus::kOk);
    const auto logins = std::count_if(decoded.events.begin(), decoded.events.end(),
                                      [](const events::Event& e) { return e.action == "user.login"; });
    REQUIRE(logins > 700);
    REQUIRE(logins < 800);
}

}  // namespace
}  // namespace auditrail::load
