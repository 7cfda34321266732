#include "demo.hpp"
#include "health_rebuild.hpp"

#include <algorithm>
#include <atomic>
#include <auditrail/common/options.hpp>
#include <auditrail/events/time.hpp>
#include <auditrail/events/uuid.hpp>
#include <auditrail/pg/connection.hpp>
#include <auditrail/pg/copy_buffer.hpp>
#include <auditrail/pg/migrations.hpp>
#include <auditrail/pg/partitions.hpp>
#include <chrono>
#include <cstdlib>
#include <iostream>
#include <random>
#include <string>
#include <thread>
#include <vector>

namespace auditrail::tool {
namespace {

constexpr std::int16_t kColumns = 19;
constexpr std::string_view kCopyEvents =
    "COPY events (tenant, occurred_at, id, received_at, category, action, outcome, actor_id, actor_type, actor_name,"
    " actor_ip, actor_user_agent, customer_id, store_id, resource_type, resource_id, message, data, ingested_by)"
    " FROM STDIN (FORMAT binary)";
constexpr events::TimeUs kSecond = 1000000;
constexpr events::TimeUs kDay = 24 * 3600 * kSecond;

/// What an event type looks like in the demo, and how often it happens.
struct Kind {
    const char* category;
    const char* action;
    double weight;
    const char* resource_type;
    const char* message;
};

constexpr Kind kKinds[] = {
    {"authenticate", "user.login", 30, "session", "User logged in"},
    {"authenticate", "user.logout", 10, "session", "User logged out"},
    {"authenticate", "user.password_reset", 1, "user", "Password reset requested"},
    {"customer", "customer.login", 10, nullptr, "Customer portal login"},
    {"usage", "api.call", 20, "endpoint", "API called"},
    {"usage", "feature.used", 10, "feature", "Feature used"},
    {"billing", "invoice.issued", 2, "invoice", "Invoice issued"},
    {"billing", "invoice.paid", 2, "invoice", "Invoice paid"},
    {"support", "ticket.opened", 2, "ticket", "Support ticket opened"},
    {"support", "ticket.closed", 2, "ticket", "Support ticket closed"},
    {"admin", "settings.changed", 2, "settings", "Store settings changed"},
    {"admin", "api.key.rotated", 0.5, "api_key", "API key rotated"},
    {"data", "export.created", 1, "export", "Data export created"},
};

constexpr const char* kFirstNames[] = {"Jane", "John", "Ana", "Wei", "Fatima", "Lars", "Priya", "Kofi", "Mia", "Omar"};
constexpr const char* kLastNames[] = {"Doe",  "Smith", "Garcia", "Chen",  "Khan",
                                      "Berg", "Patel", "Mensah", "Rossi", "Ali"};
constexpr const char* kAgents[] = {
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) Chrome/120.0", "Mozilla/5.0 (Macintosh) Safari/17.1",
    "Mozilla/5.0 (X11; Linux x86_64) Firefox/121.0", "auditrail-sdk-go/1.4", "curl/8.4.0"};
constexpr const char* kEndpoints[] = {"/v1/orders", "/v1/products", "/v1/customers", "/v1/inventory", "/v1/payments"};
constexpr const char* kFeatures[] = {"reports", "bulk_edit", "webhooks", "discounts", "multi_currency", "analytics"};
constexpr const char* kBrowsers[] = {"Chrome", "Firefox", "Safari", "Edge"};
constexpr const char* kPriorities[] = {"low", "normal", "normal", "high", "urgent"};

struct DemoSettings {
    std::string database_url;
    std::int64_t events = 100000;
    int tenants = 3;
    int customers = 200;
    int months = 12;
    int threads = 2;
    std::int64_t batch = 50000;
    std::uint64_t seed = 42;
};

std::string TenantName(int index) { return index == 0 ? "demo" : "demo-" + std::to_string(index + 1); }

template <class T, std::size_t N>
const T& Pick(std::mt19937_64& random, const T (&items)[N]) {
    return items[random() % N];
}

/// Builds the COPY rows of events [first, last) of the whole time-ordered run.
class BatchBuilder {
public:
    BatchBuilder(const DemoSettings& settings, events::TimeUs start, events::TimeUs end)
        : settings_(settings), start_(start), span_(end - start) {
        for (const auto& kind : kKinds) total_weight_ += kind.weight;
    }

    void Build(std::int64_t first, std::int64_t last, pg::BinaryCopyBuffer& buffer) {
        std::mt19937_64 random(settings_.seed * 1000003 + static_cast<std::uint64_t>(first));
        buffer.Clear();
        for (std::int64_t i = first; i < last; ++i) AddEvent(i, random, buffer);
    }

private:
    const Kind& PickKind(std::mt19937_64& random) const {
        double x = std::uniform_real_distribution<double>(0, total_weight_)(random);
        for (const auto& kind : kKinds) {
            if ((x -= kind.weight) < 0) return kind;
        }
        return kKinds[0];
    }

    void AddEvent(std::int64_t index, std::mt19937_64& random, pg::BinaryCopyBuffer& buffer) {
        // Time-ordered like a live feed; busier in working hours (a tilt within each hour-long slot).
        const events::TimeUs base =
            start_ + static_cast<events::TimeUs>(static_cast<long double>(span_) * index / settings_.events);
        const events::TimeUs occurred_at = base + static_cast<events::TimeUs>(random() % kSecond);
        const int tenant = static_cast<int>(random() % static_cast<std::uint64_t>(settings_.tenants));
        // Customers are not equally active: a skewed pick.
        const double u = std::uniform_real_distribution<double>(0, 1)(random);
        const std::int64_t customer = 5001 + static_cast<std::int64_t>(u * u * settings_.customers);
        const int user = static_cast<int>(random() % 5);
        const Kind& kind = PickKind(random);
        const std::string action = kind.action;
        const bool failed = action == "user.login" && random() % 25 == 0;

        buffer.StartRow(kColumns);
        buffer.Text(TenantName(tenant));
        buffer.TimestampUs(occurred_at);
        buffer.Uuid(*events::ParseUuid(events::NewUuidV7(occurred_at)));
        buffer.TimestampUs(occurred_at + 20000 + static_cast<events::TimeUs>(random() % 300000));
        buffer.Text(kind.category);
        buffer.Text(action);
        buffer.Text(failed ? "failure" : "success");
        const bool service = action == "api.call";
        const std::string actor_id = service ? "svc-" + std::to_string(customer)
                                             : "user-" + std::to_string(customer) + "-" + std::to_string(user);
        buffer.Text(actor_id);
        buffer.Text(service ? "service" : "user");
        if (service) {
            buffer.Text("Integration " + std::to_string(customer));
        } else {
            buffer.Text(std::string(kFirstNames[(customer + user) % 10]) + " " +
                        kLastNames[(customer * 7 + user) % 10]);
        }
        buffer.Text("10." + std::to_string(customer % 256) + "." + std::to_string(user) + "." +
                    std::to_string(random() % 254 + 1));
        buffer.Text(service ? kAgents[3] : kAgents[(customer + user) % 3]);
        buffer.Int8(customer);
        buffer.Int8(100 + customer % 37);

        std::string resource_id;
        std::string data;
        std::string message = kind.message;
        const std::string day = events::FormatRfc3339(occurred_at).substr(0, 10);
        if (action == "user.login" || action == "user.logout") {
            resource_id = "s-" + std::to_string(random() % 1000000);
            data = std::string(R"({"browser": ")") + Pick(random, kBrowsers) + R"(", "mfa": )" +
                   (random() % 3 ? "true" : "false") + "}";
            if (failed) message = "User login failed: wrong password";
        } else if (action == "api.call") {
            const char* endpoint = Pick(random, kEndpoints);
            resource_id = endpoint;
            data = std::string(R"({"endpoint": ")") + endpoint + R"(", "count": )" + std::to_string(random() % 50 + 1) +
                   "}";
            message = std::string("API called: ") + endpoint;
        } else if (action == "feature.used") {
            const char* feature = Pick(random, kFeatures);
            resource_id = feature;
            data =
                std::string(R"({"feature": ")") + feature + R"(", "count": )" + std::to_string(random() % 5 + 1) + "}";
            message = std::string("Feature used: ") + feature;
        } else if (action == "invoice.issued" || action == "invoice.paid") {
            resource_id = "inv-" + std::to_string(customer) + "-" + std::to_string(random() % 100000);
            const std::string amount = std::to_string(random() % 5000 + 20) + "." + std::to_string(random() % 90 + 10);
            data = R"({"invoice_id": ")" + resource_id + R"(", "amount": )" + amount + R"(, "currency": "EUR")" +
                   (action == "invoice.issued"
                        ? R"(, "due_at": ")" + events::FormatRfc3339(occurred_at + 30 * kDay) + "\"}"
                        : std::string("}"));
            message += " " + resource_id;
        } else if (action == "ticket.opened" || action == "ticket.closed") {
            resource_id = "t-" + std::to_string(random() % 100000);
            data = R"({"ticket_id": ")" + resource_id + R"(", "priority": ")" + Pick(random, kPriorities) + "\"}";
            message += " " + resource_id;
        } else if (action == "settings.changed") {
            resource_id = "store-" + std::to_string(100 + customer % 37);
            data = R"({"setting": "checkout.guest", "old": false, "new": true})";
        } else if (action != "customer.login") {
            resource_id = std::to_string(random() % 100000);
        }
        if (kind.resource_type) {
            buffer.Text(kind.resource_type);
            buffer.Text(resource_id);
        } else {
            buffer.Null();
            buffer.Null();
        }
        buffer.Text(message + " on " + day);
        if (data.empty()) {
            buffer.Null();
        } else {
            buffer.Jsonb(data);
        }
        buffer.Text("demo-loader");
    }

    const DemoSettings& settings_;
    events::TimeUs start_;
    events::TimeUs span_;
    double total_weight_ = 0;
};

}  // namespace

int Demo(int argc, char** argv) {
    const char* port = std::getenv("AUDITRAIL_PG_PORT");
    common::Options options(
        "auditrail demo",
        {{"database-url", "AUDITRAIL_DATABASE_URL",
          std::string("postgresql://auditrail@127.0.0.1:") + (port && *port ? port : "55432") + "/auditrail",
          "libpq URI of the primary"},
         {"events", "", "100000", "events to load"},
         {"tenants", "", "3", "tenants: demo, demo-2, ... (events are spread evenly)"},
         {"customers", "", "200", "customers per tenant (ids from 5001)"},
         {"months", "", "12", "months back from now the events are spread over"},
         {"threads", "", "2", "parallel COPY connections"},
         {"seed", "", "42", "random seed (the same seed loads the same events, but new ids)"}});
    if (!options.Parse(argc, argv)) return 0;
    DemoSettings settings;
    settings.database_url = options.Get("database-url");
    settings.events = options.GetInt("events", 0, 1'000'000'000);
    settings.tenants = static_cast<int>(options.GetInt("tenants", 1, 1000));
    settings.customers = static_cast<int>(options.GetInt("customers", 1, 10'000'000));
    settings.months = static_cast<int>(options.GetInt("months", 1, 120));
    settings.threads = static_cast<int>(options.GetInt("threads", 1, 64));
    settings.seed = static_cast<std::uint64_t>(options.GetInt("seed", 0, 1LL << 62));

    const events::TimeUs now = events::NowUs();
    const events::TimeUs start = events::MonthStart(now, -(settings.months - 1));
    {
        pg::Connection connection(settings.database_url);
        pg::ApplyMigrations(connection);
        for (int month = 0; month < settings.months + 1; ++month) {
            pg::EnsureMonthPartition(connection, events::MonthStart(start, month));
        }
    }
    // Up to a minute ago, so that every event is in the past when the query service looks.
    BatchBuilder builder(settings, start, now - 60 * kSecond);
    const auto started = std::chrono::steady_clock::now();
    std::atomic<std::int64_t> next_batch{0};
    std::atomic<std::int64_t> loaded{0};
    const std::int64_t batches = (settings.events + settings.batch - 1) / settings.batch;
    std::vector<std::thread> threads;
    std::vector<std::string> errors(static_cast<std::size_t>(settings.threads));
    for (int t = 0; t < settings.threads; ++t) {
        threads.emplace_back([&, t] {
            try {
                pg::Connection connection(settings.database_url);
                // Bulk load: a lost tail on a crash only means loading the demo again.
                connection.Exec("SET synchronous_commit = off");
                pg::BinaryCopyBuffer buffer;
                for (std::int64_t batch; (batch = next_batch++) < batches;) {
                    const std::int64_t first = batch * settings.batch;
                    const std::int64_t last = std::min(settings.events, first + settings.batch);
                    builder.Build(first, last, buffer);
                    connection.CopyIn(std::string(kCopyEvents), buffer.Finish());
                    const auto done = loaded += last - first;
                    if (batch % 20 == 19) std::cerr << "loaded " << done << " events\n";
                }
            } catch (const std::exception& error) {
                errors[static_cast<std::size_t>(t)] = error.what();
                next_batch = batches;
            }
        });
    }
    for (auto& thread : threads) thread.join();
    for (const auto& error : errors) {
        if (!error.empty()) throw std::runtime_error(error);
    }
    {
        pg::Connection connection(settings.database_url);
        connection.Exec("ANALYZE events");
        // COPY bypasses the batch writers, so the health state is recomputed from the events just loaded.
        for (int tenant = 0; tenant < settings.tenants; ++tenant) RebuildHealthState(connection, TenantName(tenant));
    }
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    std::cout << "loaded " << loaded.load() << " events for " << settings.tenants << " tenant(s) (demo"
              << (settings.tenants > 1 ? ", demo-2, ..." : "") << "), " << settings.customers
              << " customers each, over " << settings.months << " months in " << seconds << " s ("
              << static_cast<std::int64_t>(loaded.load() / std::max(seconds, 1e-9)) << " events/s)\n";
    return 0;
}

}  // namespace auditrail::tool
