#include "demo.hpp"

#include <algorithm>
#include <atomic>
#include <auditrail/auth/claims.hpp>
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
#include <optional>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "health_rebuild.hpp"

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
    {"billing", "invoice.paid", 0, "invoice", "Invoice paid"},  // follows its invoice.issued
    {"support", "ticket.opened", 2, "ticket", "Support ticket opened"},
    {"support", "ticket.closed", 0, "ticket", "Support ticket closed"},  // follows its ticket.opened
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
    std::string tenant = "demo";  ///< the first tenant's name; the others are <tenant>-2, <tenant>-3, ...
    std::int64_t events = 100000;
    int tenants = 3;
    int customers = 200;
    int months = 12;
    int threads = 2;
    std::int64_t batch = 50000;
    std::uint64_t seed = 42;
};

std::string TenantName(const DemoSettings& settings, int index) {
    return index == 0 ? settings.tenant : settings.tenant + "-" + std::to_string(index + 1);
}

template <class T, std::size_t N>
const T& Pick(std::mt19937_64& random, const T (&items)[N]) {
    return items[random() % N];
}

const Kind& KindOf(std::string_view action) {
    for (const auto& kind : kKinds) {
        if (action == kind.action) return kind;
    }
    return kKinds[0];
}

/// One customer-activity row (the COPY columns of kCopyEvents) by user `user` of `customer`.
void AppendActivityRow(pg::BinaryCopyBuffer& buffer, std::mt19937_64& random, const std::string& tenant,
                       std::int64_t customer, int user, std::string_view action, events::TimeUs occurred_at,
                       const std::string& resource_id, const std::string& data) {
    const Kind& kind = KindOf(action);
    const bool service = action == "api.call";
    buffer.StartRow(kColumns);
    buffer.Text(tenant);
    buffer.TimestampUs(occurred_at);
    buffer.Uuid(*events::ParseUuid(events::NewUuidV7(occurred_at)));
    buffer.TimestampUs(occurred_at + 20000 + static_cast<events::TimeUs>(random() % 300000));
    buffer.Text(kind.category);
    buffer.Text(std::string(action));
    buffer.Text("success");
    buffer.Text(service ? "svc-" + std::to_string(customer)
                        : "user-" + std::to_string(customer) + "-" + std::to_string(user));
    buffer.Text(service ? "service" : "user");
    buffer.Text(service
                    ? "Integration " + std::to_string(customer)
                    : std::string(kFirstNames[(customer + user) % 10]) + " " + kLastNames[(customer * 7 + user) % 10]);
    buffer.Text("10." + std::to_string(customer % 256) + "." + std::to_string(user) + "." +
                std::to_string(random() % 254 + 1));
    buffer.Text(service ? kAgents[3] : kAgents[(customer + user) % 3]);
    buffer.Int8(customer);
    buffer.Int8(100 + customer % 37);
    if (kind.resource_type) {
        buffer.Text(kind.resource_type);
        buffer.Text(resource_id);
    } else {
        buffer.Null();
        buffer.Null();
    }
    buffer.Text(std::string(kind.message) + (resource_id.empty() ? "" : " " + resource_id) + " on " +
                events::FormatRfc3339(occurred_at).substr(0, 10));
    buffer.Jsonb(data);
    buffer.Text("demo-loader");
}

/// Has `tenant` got the demo's events already (its scenario customer 1001, as loaded by this tool)?
bool HoldsDemo(pg::Connection& connection, const std::string& tenant) {
    return connection
               .Exec("SELECT EXISTS (SELECT 1 FROM events WHERE tenant = $1 AND customer_id = 1001"
                     " AND ingested_by = 'demo-loader')",
                     {tenant})
               .Get(0, 0) == "t";
}

/// Builds the COPY rows of events [first, last) of the whole time-ordered run.
class BatchBuilder {
  public:
    BatchBuilder(const DemoSettings& settings, events::TimeUs start, events::TimeUs end)
        : settings_(settings), start_(start), span_(end - start), end_(end) {
        for (const auto& kind : kKinds) total_weight_ += kind.weight;
    }

    /// Returns the rows written: one per event index, plus the payments and closures that follow them.
    std::int64_t Build(std::int64_t first, std::int64_t last, pg::BinaryCopyBuffer& buffer) {
        std::mt19937_64 random(settings_.seed * 1000003 + static_cast<std::uint64_t>(first));
        buffer.Clear();
        std::int64_t rows = 0;
        for (std::int64_t i = first; i < last; ++i) rows += AddEvent(i, random, buffer);
        return rows;
    }

  private:
    const Kind& PickKind(std::mt19937_64& random) const {
        double x = std::uniform_real_distribution<double>(0, total_weight_)(random);
        for (const auto& kind : kKinds) {
            if ((x -= kind.weight) < 0) return kind;
        }
        return kKinds[0];
    }

    /// Writes event `index` and whatever follows it; returns the rows written.
    int AddEvent(std::int64_t index, std::mt19937_64& random, pg::BinaryCopyBuffer& buffer) const {
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
        buffer.Text(TenantName(settings_, tenant));
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
            resource_id = "inv-" + std::to_string(customer) + "-" + std::to_string(index);
            const std::string amount = std::to_string(random() % 5000 + 20) + "." + std::to_string(random() % 90 + 10);
            data = R"({"invoice_id": ")" + resource_id + R"(", "amount": )" + amount + R"(, "currency": "EUR")" +
                   (action == "invoice.issued"
                        ? R"(, "due_at": ")" + events::FormatRfc3339(occurred_at + 30 * kDay) + "\"}"
                        : std::string("}"));
            message += " " + resource_id;
        } else if (action == "ticket.opened" || action == "ticket.closed") {
            resource_id = "t-" + std::to_string(customer) + "-" + std::to_string(index);
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
        return 1 + AddFollowUp(random, buffer, TenantName(settings_, tenant), customer, user, action, occurred_at,
                               resource_id, data);
    }

    /// Most invoices are paid (a few late, some never) and most tickets closed, like a real feed: the payment
    /// or closure is written with its invoice or ticket when it falls before the end of the run.
    int AddFollowUp(std::mt19937_64& random, pg::BinaryCopyBuffer& buffer, const std::string& tenant,
                    std::int64_t customer, int user, const std::string& action, events::TimeUs at,
                    const std::string& resource_id, const std::string& data) const {
        const auto roll = random() % 100;
        if (action == "invoice.issued" && roll < 94) {
            // Due in 30 days: 85 in 100 paid within them, 9 late (up to three weeks), 6 never.
            const events::TimeUs paid_at =
                at + (roll < 85 ? static_cast<events::TimeUs>(random() % (29 * kDay))
                                : 31 * kDay + static_cast<events::TimeUs>(random() % (21 * kDay)));
            if (paid_at >= end_) return 0;
            const auto amount_at = data.find("\"amount\"");
            const auto amount_end = data.find(", \"due_at\"");
            AppendActivityRow(
                buffer, random, tenant, customer, user, "invoice.paid", paid_at, resource_id,
                "{\"invoice_id\": \"" + resource_id + "\", " + data.substr(amount_at, amount_end - amount_at) + "}");
            return 1;
        } else if (action == "ticket.opened" && roll < 92) {
            const events::TimeUs closed_at = at + 3600 * kSecond + static_cast<events::TimeUs>(random() % (6 * kDay));
            if (closed_at >= end_) return 0;
            AppendActivityRow(buffer, random, tenant, customer, user, "ticket.closed", closed_at, resource_id,
                              "{\"ticket_id\": \"" + resource_id + "\"}");
            return 1;
        }
        return 0;
    }

    const DemoSettings& settings_;
    events::TimeUs start_;
    events::TimeUs span_;
    events::TimeUs end_;
    double total_weight_ = 0;
};

/// One event of a scenario customer: `days` days (and `hours` hours) before the load's `now`.
struct ScenarioEvent {
    std::int64_t customer;
    const char* action;
    double days;
    std::string data;
};

std::string Quoted(events::TimeUs t) {
    std::string quoted(1, '"');  // appended, not "\"" + ...: GCC 12 warns -Wrestrict on that (its bug 105329)
    quoted += events::FormatRfc3339(t);
    quoted += '"';
    return quoted;
}

/// The scenario customers (ids 1001–1008) of every demo tenant, relative to `now`, so that the dashboard
/// shows each band and every HEALTH.md signal whenever it is opened in the weeks after the load:
/// 1001 healthy (score 100); 1002 watch; 1003 at risk with no_recent_login, login_drop, both kinds of
/// invoice_overdue, urgent_ticket_open and usage_decline; 1004 late_payments and ticket_spike; 1005 inactive
/// (nothing in 90 days); 1006–1008 ordinary customers of each band. Times are mid-day, so a window edge
/// rarely cuts a day with events.
std::vector<ScenarioEvent> ScenarioEvents(events::TimeUs now) {
    std::vector<ScenarioEvent> out;
    const auto invoice = [&](std::int64_t customer, const std::string& id, double issued, double due_days_ago,
                             std::optional<double> paid) {
        out.push_back({customer, "invoice.issued", issued,
                       R"({"invoice_id": ")" + id + R"(", "amount": 249.00, "currency": "EUR", "due_at": )" +
                           Quoted(now - static_cast<events::TimeUs>(due_days_ago * kDay)) + "}"});
        if (paid) {
            out.push_back({customer, "invoice.paid", *paid,
                           R"({"invoice_id": ")" + id + R"(", "amount": 249.00, "currency": "EUR"})"});
        }
    };
    const auto ticket = [&](std::int64_t customer, const std::string& id, const char* priority, double opened,
                            std::optional<double> closed) {
        out.push_back(
            {customer, "ticket.opened", opened,
             R"({"ticket_id": ")" + id + R"(", "priority": ")" + priority + R"(", "subject": "Checkout error"})"});
        if (closed) out.push_back({customer, "ticket.closed", *closed, R"({"ticket_id": ")" + id + R"("})"});
    };
    const auto feature = [&](std::int64_t customer, double days, const char* name, int count) {
        out.push_back({customer, "feature.used", days,
                       std::string(R"({"feature": ")") + name + R"(", "count": )" + std::to_string(count) + "}"});
    };
    const auto calls = [&](std::int64_t customer, double days, int count) {
        out.push_back(
            {customer, "api.call", days, R"({"endpoint": "/v1/orders", "count": )" + std::to_string(count) + "}"});
    };
    const auto logins = [&](std::int64_t customer, std::initializer_list<int> days) {
        for (const int day : days) out.push_back({customer, "customer.login", day + 0.5, "{}"});
    };

    // 1001 healthy: 15 active days in each window, invoices paid on time, five features, steady usage.
    for (int d = 1; d <= 60; d += 2) logins(1001, {d});
    invoice(1001, "inv-1001-1", 75, 45, 46.0);
    invoice(1001, "inv-1001-2", 45, 15, 16.0);
    ticket(1001, "t-1001-1", "low", 40, 39.0);
    for (int f = 0; f < 5; ++f) feature(1001, 2 + f * 5, kFeatures[f], 8);
    for (int d = 3; d <= 57; d += 6) calls(1001, d, 40);

    // 1002 watch: six active days, one late payment, a high-priority ticket this week, two features.
    logins(1002, {1, 4, 8, 13, 19, 26, 33, 37, 42, 48, 52, 58});
    invoice(1002, "inv-1002-1", 62, 50, 51.0);
    invoice(1002, "inv-1002-2", 52, 40, 34.0);
    ticket(1002, "t-1002-1", "high", 3, std::nullopt);
    feature(1002, 2, "reports", 5);
    feature(1002, 5, "webhooks", 5);
    calls(1002, 12, 20);
    calls(1002, 40, 20);

    // 1003 at risk: last login 20 days ago after a busy month before, two unpaid invoices (one 40 days past
    // due), an urgent ticket still open, usage gone.
    logins(1003, {20, 24, 31, 33, 35, 37, 39, 41, 44, 47});
    invoice(1003, "inv-1003-1", 70, 40, std::nullopt);
    invoice(1003, "inv-1003-2", 40, 10, std::nullopt);
    ticket(1003, "t-1003-1", "urgent", 9, std::nullopt);
    calls(1003, 40, 25);
    calls(1003, 50, 15);

    // 1004: pays late, and opened four tickets this month after none the month before.
    logins(1004, {2, 6, 9, 15, 22, 27, 32, 38, 45, 53});
    invoice(1004, "inv-1004-1", 80, 60, 52.0);
    invoice(1004, "inv-1004-2", 50, 30, 21.0);
    invoice(1004, "inv-1004-3", 20, -10, std::nullopt);  // due in ten days: not yet overdue
    ticket(1004, "t-1004-1", "normal", 4, 2.0);
    ticket(1004, "t-1004-2", "high", 11, 10.0);
    ticket(1004, "t-1004-3", "normal", 16, std::nullopt);
    ticket(1004, "t-1004-4", "low", 25, 24.0);
    feature(1004, 3, "reports", 4);
    feature(1004, 8, "bulk_edit", 2);
    feature(1004, 20, "analytics", 3);
    calls(1004, 10, 30);
    calls(1004, 40, 30);

    // 1005 inactive: a customer that left four months ago.
    logins(1005, {120, 125, 131, 140});
    invoice(1005, "inv-1005-1", 150, 120, 121.0);
    calls(1005, 122, 12);

    // 1006 healthy, 1007 watch, 1008 at risk: unremarkable customers around them.
    for (int d = 1; d <= 60; d += 3) logins(1006, {d});
    invoice(1006, "inv-1006-1", 40, 10, 12.0);
    for (int f = 0; f < 4; ++f) feature(1006, 4 + f * 6, kFeatures[f + 1], 3);
    calls(1006, 5, 18);
    calls(1006, 35, 20);
    logins(1007, {3, 9, 16, 24, 31, 40, 47, 55});
    invoice(1007, "inv-1007-1", 45, 15, 17.0);
    ticket(1007, "t-1007-1", "high", 12, 9.0);
    feature(1007, 6, "discounts", 2);
    calls(1007, 7, 12);
    calls(1007, 36, 15);
    logins(1008, {28, 36, 44, 52});
    invoice(1008, "inv-1008-1", 35, 5, std::nullopt);
    ticket(1008, "t-1008-1", "high", 18, std::nullopt);
    calls(1008, 45, 8);
    return out;
}

/// The scenario events of `tenant` as COPY rows.
void AddScenarioRows(const std::string& tenant, events::TimeUs now, pg::BinaryCopyBuffer& buffer) {
    std::mt19937_64 random(7);
    for (const auto& event : ScenarioEvents(now)) {
        // Mid-day, a few minutes apart, so that no two events of a day share a time.
        const events::TimeUs occurred_at = (now / kDay) * kDay - static_cast<events::TimeUs>(event.days) * kDay +
                                           11 * 3600 * kSecond + static_cast<events::TimeUs>(random() % 7200) * kSecond;
        std::string resource_id = event.action == std::string_view("api.call") ? "/v1/orders" : "";
        for (const char* key : {"\"invoice_id\": \"", "\"ticket_id\": \"", "\"feature\": \""}) {
            const auto at = event.data.find(key);
            if (at != std::string::npos) {
                const auto from = at + std::string_view(key).size();
                resource_id = event.data.substr(from, event.data.find('"', from) - from);
            }
        }
        AppendActivityRow(buffer, random, tenant, event.customer, static_cast<int>(random() % 3), event.action,
                          occurred_at, resource_id, event.data);
    }
}

}  // namespace

int Demo(int argc, char** argv) {
    const char* port = std::getenv("AUDITRAIL_PG_PORT");
    common::Options options(
        "auditrail demo",
        {{"database-url", "AUDITRAIL_DATABASE_URL",
          std::string("postgresql://auditrail@127.0.0.1:") + (port && *port ? port : "55432") + "/auditrail",
          "libpq URI of the primary"},
         {"events", "", "100000", "events to load, besides the scenario customers'"},
         {"tenant", "", "demo", "the first tenant's name"},
         {"tenants", "", "3", "tenants: demo, demo-2, ... (events are spread evenly)"},
         {"customers", "", "200", "customers per tenant (ids from 5001), besides scenario customers 1001-1008"},
         {"months", "", "12", "months back from now the events are spread over"},
         {"threads", "", "2", "parallel COPY connections"},
         {"seed", "", "42", "random seed (the same seed loads the same events, but new ids)"}});
    if (!options.Parse(argc, argv)) return 0;
    DemoSettings settings;
    settings.database_url = options.Get("database-url");
    settings.tenant = options.Get("tenant");
    if (!auth::IsValidTenant(settings.tenant) || !auth::IsValidTenant(settings.tenant + "-1000")) {
        throw common::OptionError("--tenant '" + settings.tenant +
                                  "' is not a tenant id: [a-z0-9_-], starting with a letter or digit, at most 58 "
                                  "characters (the others get -2, -3, ...)");
    }
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
        // Loading twice would add every event again under new ids and change the scenario customers' signals.
        for (int tenant = 0; tenant < settings.tenants; ++tenant) {
            const std::string name = TenantName(settings, tenant);
            if (HoldsDemo(connection, name)) {
                std::cout << "tenant " << name << " already holds the demo's events: nothing loaded (another "
                          << "--tenant loads another copy)\n";
                return 0;
            }
        }
        for (int month = 0; month < settings.months + 1; ++month) {
            pg::EnsureMonthPartition(connection, events::MonthStart(start, month));
        }
        // The scenario customers reach back 150 days, whatever --months says.
        for (events::TimeUs t = now - 155 * kDay; t < start; t = events::MonthStart(t, 1)) {
            pg::EnsureMonthPartition(connection, events::MonthStart(t, 0));
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
                    const std::int64_t rows = builder.Build(first, last, buffer);
                    connection.CopyIn(std::string(kCopyEvents), buffer.Finish());
                    const auto done = loaded += rows;
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
        // Customers 1001-1008 of every tenant: each band and every HEALTH.md signal, relative to now.
        pg::BinaryCopyBuffer buffer;
        for (int tenant = 0; tenant < settings.tenants; ++tenant) {
            buffer.Clear();
            AddScenarioRows(TenantName(settings, tenant), now, buffer);
            connection.CopyIn(std::string(kCopyEvents), buffer.Finish());
        }
        connection.Exec("ANALYZE events");
        // COPY bypasses the batch writers, so the health state is recomputed from the events just loaded.
        for (int tenant = 0; tenant < settings.tenants; ++tenant)
            RebuildHealthState(connection, TenantName(settings, tenant));
    }
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    std::cout << "loaded " << loaded.load() << " events and scenario customers 1001-1008 for " << settings.tenants
              << " tenant(s) (" << settings.tenant
              << (settings.tenants > 1 ? ", " + settings.tenant + "-2, ..." : "") << "), " << settings.customers
              << " customers each, over " << settings.months << " months in " << seconds << " s ("
              << static_cast<std::int64_t>(loaded.load() / std::max(seconds, 1e-9)) << " events/s)\n";
    return 0;
}

}  // namespace auditrail::tool
