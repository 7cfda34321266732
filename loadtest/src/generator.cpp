#include "generator.hpp"

#include <auditrail/events/time.hpp>

#include <charconv>
#include <stdexcept>

namespace auditrail::load {
namespace {

constexpr events::TimeUs kDayUs = 86'400'000'000;

struct ActionTraits {
    std::string_view prefix;
    std::string_view category;
    std::string_view resource_type;
};

constexpr ActionTraits kTraits[] = {
    {"user.", "authenticate", "session"}, {"customer.", "authenticate", "session"},
    {"invoice.", "billing", "invoice"},   {"ticket.", "support", "ticket"},
    {"api.", "api", "endpoint"},          {"feature.", "product", "feature"},
    {"document.", "content", "document"},
};

const ActionTraits& TraitsOf(std::string_view action) {
    static constexpr ActionTraits kOther{"", "general", "object"};
    for (const auto& traits : kTraits) {
        if (action.substr(0, traits.prefix.size()) == traits.prefix) return traits;
    }
    return kOther;
}

bool IsActionChar(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '.' ||
           c == ':' || c == '-';
}

void AppendNumber(std::string& out, std::uint64_t value) {
    char buf[24];
    auto [end, ec] = std::to_chars(buf, buf + sizeof buf, value);
    out.append(buf, end);
}

/// The typed `data` members the ingest validator requires for the customer-activity actions (no braces).
void AppendTypedData(std::string& out, std::string_view action, std::uint64_t serial, events::TimeUs now) {
    if (action == "invoice.issued") {
        out += "\"invoice_id\":\"inv-";
        AppendNumber(out, serial);
        out += "\",\"amount\":129.90,\"currency\":\"EUR\",\"due_at\":\"";
        out += events::FormatRfc3339(now + 30 * kDayUs);
        out += '"';
    } else if (action == "invoice.paid") {
        out += "\"invoice_id\":\"inv-";
        AppendNumber(out, serial);
        out += "\",\"amount\":129.90";
    } else if (action == "ticket.opened") {
        out += "\"ticket_id\":\"t-";
        AppendNumber(out, serial);
        out += "\",\"priority\":\"normal\"";
    } else if (action == "ticket.closed") {
        out += "\"ticket_id\":\"t-";
        AppendNumber(out, serial);
        out += '"';
    } else if (action == "api.call") {
        out += "\"endpoint\":\"/v2/orders\",\"count\":3";
    } else if (action == "feature.used") {
        out += "\"feature\":\"reports.export\",\"count\":1";
    } else if (action != "customer.login") {
        out += "\"browser\":\"Firefox\",\"mfa\":true";
    }
}

}  // namespace

std::vector<ActionWeight> DefaultActionMix() {
    return {{"user.login", 30},   {"document.viewed", 25}, {"api.call", 15},
            {"feature.used", 10}, {"customer.login", 8},   {"ticket.opened", 4},
            {"ticket.closed", 3}, {"invoice.issued", 3},   {"invoice.paid", 2}};
}

std::vector<ActionWeight> ParseActionMix(std::string_view text) {
    std::vector<ActionWeight> mix;
    while (!text.empty()) {
        const auto comma = text.find(',');
        std::string_view item = text.substr(0, comma);
        text = comma == std::string_view::npos ? std::string_view() : text.substr(comma + 1);
        ActionWeight entry;
        const auto eq = item.find('=');
        const std::string_view name = item.substr(0, eq);
        if (name.empty() || name.size() > 128) throw std::invalid_argument("an action must be 1-128 characters");
        for (char c : name) {
            if (!IsActionChar(c)) throw std::invalid_argument("'" + std::string(name) + "' is not a valid action");
        }
        entry.action = std::string(name);
        if (eq != std::string_view::npos) {
            const std::string_view weight = item.substr(eq + 1);
            auto [end, ec] = std::from_chars(weight.data(), weight.data() + weight.size(), entry.weight);
            if (ec != std::errc() || end != weight.data() + weight.size() || entry.weight == 0) {
                throw std::invalid_argument("the weight of " + entry.action + " must be a positive integer");
            }
        }
        mix.push_back(std::move(entry));
    }
    if (mix.empty()) throw std::invalid_argument("the action mix is empty");
    return mix;
}

EventGenerator::EventGenerator(GeneratorSettings settings, std::uint64_t seed)
    : settings_(std::move(settings)), state_(seed ? seed : 0x9e3779b97f4a7c15ull) {
    if (settings_.actions.empty()) settings_.actions = DefaultActionMix();
    if (settings_.events_per_request < 1) throw std::invalid_argument("events per request must be at least 1");
    if (settings_.customers == 0) settings_.customers = 1;
    for (const auto& entry : settings_.actions) total_weight_ += entry.weight;
    if (total_weight_ == 0) throw std::invalid_argument("the action weights add up to 0");
    static constexpr std::string_view kWords = "the quick brown fox jumps over the lazy dog ";
    while (filler_.size() < std::max(settings_.message_bytes, settings_.data_bytes)) filler_ += kWords;
}

std::uint64_t EventGenerator::NextRandom() {
    // splitmix64: statistically fine for picking actions and customers, and cheap.
    std::uint64_t z = (state_ += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
}

const ActionWeight& EventGenerator::PickAction() {
    std::uint64_t pick = NextRandom() % total_weight_;
    for (const auto& entry : settings_.actions) {
        if (pick < entry.weight) return entry;
        pick -= entry.weight;
    }
    return settings_.actions.back();
}

void EventGenerator::AppendEvent(events::TimeUs now, std::string& out, std::vector<events::UuidBytes>* ids) {
    const std::string id = events::NewUuidV7(now);
    if (ids) ids->push_back(*events::ParseUuid(id));
    const ActionWeight& action = PickAction();
    const ActionTraits& traits = TraitsOf(action.action);
    const std::uint64_t random = NextRandom();
    const std::uint64_t user = random % 100000;
    const std::uint64_t customer = 1 + (random >> 20) % settings_.customers;
    ++serial_;

    out += "{\"id\":\"";
    out += id;
    out += "\",\"occurred_at\":\"";
    out += events::FormatRfc3339(now);
    out += "\",\"category\":\"";
    out += traits.category;
    out += "\",\"action\":\"";
    out += action.action;
    out += (random >> 50) % 20 == 0 ? "\",\"outcome\":\"failure\"" : "\",\"outcome\":\"success\"";
    out += ",\"actor\":{\"id\":\"user-";
    AppendNumber(out, user);
    out += "\",\"type\":\"user\",\"name\":\"User ";
    AppendNumber(out, user);
    out += "\",\"ip\":\"10.";
    AppendNumber(out, (random >> 8) & 0xff);
    out += '.';
    AppendNumber(out, (random >> 16) & 0xff);
    out += ".7\",\"user_agent\":\"Mozilla/5.0 (X11; Linux x86_64)\"},\"customer_id\":";
    AppendNumber(out, customer);
    out += ",\"store_id\":";
    AppendNumber(out, 100 + customer % 7);
    out += ",\"resource\":{\"type\":\"";
    out += traits.resource_type;
    out += "\",\"id\":\"r-";
    AppendNumber(out, serial_);
    out += '"';
    out += '}';
    if (settings_.message_bytes > 0) {
        out += ",\"message\":\"";
        out.append(filler_, 0, settings_.message_bytes);
        out += '"';
    }
    out += ",\"data\":{";
    const std::size_t data_start = out.size() - 1;
    AppendTypedData(out, action.action, serial_, now);
    const std::size_t natural = out.size() - data_start + 1;  // with the closing brace
    if (settings_.data_bytes > natural) {
        static constexpr std::string_view kNote = "\"note\":\"\"";
        const bool comma = out.back() != '{';
        const std::size_t overhead = kNote.size() + (comma ? 1 : 0);
        const std::size_t pad =
            settings_.data_bytes > natural + overhead ? settings_.data_bytes - natural - overhead : 0;
        if (comma) out += ',';
        out += "\"note\":\"";
        out.append(filler_, 0, pad);
        out += '"';
    }
    out += "}}";
}

void EventGenerator::NextBody(events::TimeUs now, std::string& body, std::vector<events::UuidBytes>* ids) {
    body.clear();
    if (settings_.events_per_request == 1) {
        AppendEvent(now, body, ids);
        return;
    }
    body += "{\"events\":[";
    for (int i = 0; i < settings_.events_per_request; ++i) {
        if (i) body += ',';
        AppendEvent(now, body, ids);
    }
    body += "]}";
}

}  // namespace auditrail::load
