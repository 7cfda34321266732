#include "health_loader.hpp"

#include <algorithm>
#include <auditrail/events/time.hpp>
#include <auditrail/pg/result.hpp>
#include <map>
#include <stdexcept>

namespace auditrail::query {
namespace {

using health::kDayUs;
using health::TimeUs;

// The tenant-wide reads below are binary (pg::Connection::ExecBinary): times arrive as PostgreSQL's own microseconds,
// with no text to format and parse for millions of values, and `date`s as PostgreSQL's own day numbers. The tenant
// is $1.
// Buckets come from the views of V007 (daily rows plus the writers' pending ones, added up). Each customer's latest
// bucket before the window ($2) is read unmerged (only its day and last_at are used, and of that day's rows the one
// with the latest last_at has the bucket's): one index probe per customer of the daily table, found by a skip scan
// of its primary key (sorting every older row of the tenant took 4 s at 10,000 customers, the probes 0.5 s), plus
// the few pending rows that old.
constexpr std::string_view kActivityColumns =
    "SELECT customer_id, day, action, events, usage, first_at, last_at";
// The window's buckets for a whole tenant: the daily rows with the (few) pending rows of the same key added by a
// hash join, plus the pending keys not yet in the daily table. The view's GROUP BY would aggregate all ~2 M rows of
// 10,000 customers' 90 days (spilling to disk: 9 s); this reads them once (one customer's reads use the view).
constexpr std::string_view kActivityWindow =
    " FROM (WITH p AS ("
    "  SELECT customer_id, day, action, sum(events)::bigint AS events, sum(usage)::bigint AS usage,"
    "  min(first_at) AS first_at, max(last_at) AS last_at FROM customer_activity_pending"
    "  WHERE tenant = $1 AND day >= $2::date AND day <= $3::date GROUP BY customer_id, day, action)"
    " SELECT d.customer_id, d.day, d.action, d.events + coalesce(p.events, 0) AS events,"
    " d.usage + coalesce(p.usage, 0) AS usage, LEAST(d.first_at, p.first_at) AS first_at,"
    " GREATEST(d.last_at, p.last_at) AS last_at"
    " FROM customer_activity_daily d LEFT JOIN p ON p.customer_id = d.customer_id AND p.day = d.day"
    " AND p.action = d.action WHERE d.tenant = $1 AND d.day >= $2::date AND d.day <= $3::date"
    " UNION ALL"
    " SELECT * FROM p WHERE NOT EXISTS (SELECT 1 FROM customer_activity_daily d WHERE d.tenant = $1"
    " AND d.customer_id = p.customer_id AND d.day = p.day AND d.action = p.action)) AS w";
constexpr std::string_view kActivityBefore =
    " FROM (WITH RECURSIVE c(id) AS ("
    "  SELECT min(customer_id) FROM customer_activity_daily WHERE tenant = $1"
    "  UNION ALL"
    "  SELECT (SELECT min(customer_id) FROM customer_activity_daily WHERE tenant = $1 AND customer_id > c.id)"
    "  FROM c WHERE c.id IS NOT NULL)"
    " SELECT latest.* FROM c CROSS JOIN LATERAL ("
    "  SELECT * FROM customer_activity_daily d WHERE d.tenant = $1 AND d.customer_id = c.id AND d.day < $2::date"
    "  ORDER BY d.day DESC, d.last_at DESC LIMIT 1) AS latest"
    " UNION ALL"
    " SELECT tenant, customer_id, day, action, events, usage, first_at, last_at FROM customer_activity_pending"
    " WHERE tenant = $1 AND day < $2::date) AS b";

// Features the same way as activity (kActivityWindow).
constexpr std::string_view kFeatureColumns =
    "WITH p AS ("
    " SELECT customer_id, day, feature, min(first_at) AS first_at, max(last_at) AS last_at"
    " FROM customer_feature_pending WHERE tenant = $1 AND day >= $2::date AND day <= $3::date"
    " GROUP BY customer_id, day, feature),"
    " w AS ("
    " SELECT d.customer_id, d.day, d.feature, LEAST(d.first_at, p.first_at) AS first_at,"
    " GREATEST(d.last_at, p.last_at) AS last_at"
    " FROM customer_feature_daily d LEFT JOIN p ON p.customer_id = d.customer_id AND p.day = d.day"
    " AND p.feature = d.feature WHERE d.tenant = $1 AND d.day >= $2::date AND d.day <= $3::date"
    " UNION ALL"
    " SELECT * FROM p WHERE NOT EXISTS (SELECT 1 FROM customer_feature_daily d WHERE d.tenant = $1"
    " AND d.customer_id = p.customer_id AND d.day = p.day AND d.feature = p.feature))"
    " SELECT customer_id, day, feature, first_at, last_at FROM w";
// Unpaid at some as_of (paid at or after the earliest, $2), or due in the 90 days before one of them ($3).
constexpr std::string_view kInvoiceColumns =
    "SELECT customer_id, invoice_id, due_at, paid_at FROM customer_invoices WHERE tenant = $1"
    " AND (paid_at IS NULL OR paid_at >= $2::timestamptz OR due_at >= $3::timestamptz)";
// Open at some as_of (closed at or after the earliest, $2), or opened in the 60 days before one of them ($3).
constexpr std::string_view kTicketColumns =
    "SELECT customer_id, ticket_id, priority, opened_at, closed_at FROM customer_tickets WHERE tenant = $1"
    " AND (closed_at IS NULL OR closed_at >= $2::timestamptz OR opened_at >= $3::timestamptz)";
// The events of the cut buckets, one element of the arrays per bucket; `count` read as the write path reads it.
constexpr std::string_view kCutEvents =
    "SELECT c.customer_id, e.action, e.occurred_at,"
    " CASE WHEN e.data->>'count' ~ '^[1-9][0-9]{0,17}$' THEN (e.data->>'count')::bigint ELSE 1 END"
    " FROM unnest($2::bigint[], $3::text[], $4::bigint[], $5::bigint[]) AS c(customer_id, action, first_us, last_us)"
    " JOIN events e ON e.tenant = $1 AND e.customer_id = c.customer_id AND e.action = c.action"
    " AND e.occurred_at >= timestamptz 'epoch' + c.first_us * interval '1 microsecond'"
    " AND e.occurred_at <= timestamptz 'epoch' + c.last_us * interval '1 microsecond'";

// One customer's state in one statement (one round trip, prepared once per connection), rows told apart by
// `kind`: 0 activity (day, events, usage, first, last, action), 1 feature (day, first, last, feature),
// 2 invoice (due, paid, id), 3 ticket (opened, closed, id, priority), 4 an event of a cut bucket (count, at,
// action). $3/$4: the days to read; $5: the earliest as_of; $6/$7: its invoice and ticket horizons; $8: the
// window edges (to the microsecond, as timestamptz holds them). A cut bucket is one whose first event is before
// an edge and whose last is at or after it (health::CutBuckets()); only those buckets' events are read, through
// events_customer_idx. Extra events would be harmless (the model looks events up by bucket); none go missing.
constexpr std::string_view kCustomerState =
    "WITH act AS ("
    " SELECT day, action, events, usage, first_at, last_at FROM customer_activity"
    " WHERE tenant = $1 AND customer_id = $2::bigint AND day >= $3::date AND day <= $4::date"
    " UNION ALL"
    " (SELECT * FROM ("
    "  (SELECT day, action, events, usage, first_at, last_at FROM customer_activity_daily"
    "   WHERE tenant = $1 AND customer_id = $2::bigint AND day < $3::date ORDER BY day DESC, last_at DESC LIMIT 1)"
    "  UNION ALL"
    "  (SELECT day, action, events, usage, first_at, last_at FROM customer_activity_pending"
    "   WHERE tenant = $1 AND customer_id = $2::bigint AND day < $3::date ORDER BY day DESC, last_at DESC LIMIT 1))"
    "  AS before ORDER BY day DESC, last_at DESC LIMIT 1)),"
    " cut AS ("
    " SELECT action, first_at, last_at FROM act"
    " WHERE action IN ('customer.login', 'api.call', 'feature.used') AND EXISTS ("
    "  SELECT 1 FROM unnest($8::timestamptz[]) AS edge WHERE first_at < edge AND edge <= last_at))"
    " SELECT 0 AS kind, day - DATE '1970-01-01', events, usage, (extract(epoch FROM first_at) * 1000000)::bigint,"
    " (extract(epoch FROM last_at) * 1000000)::bigint, action, NULL::text FROM act"
    " UNION ALL"
    " SELECT 1, day - DATE '1970-01-01', NULL, NULL, (extract(epoch FROM first_at) * 1000000)::bigint,"
    " (extract(epoch FROM last_at) * 1000000)::bigint, feature, NULL FROM customer_features"
    " WHERE tenant = $1 AND customer_id = $2::bigint AND day >= $3::date AND day <= $4::date"
    " UNION ALL"
    " SELECT 2, NULL, NULL, NULL, (extract(epoch FROM due_at) * 1000000)::bigint,"
    " (extract(epoch FROM paid_at) * 1000000)::bigint, invoice_id, NULL FROM customer_invoices"
    " WHERE tenant = $1 AND customer_id = $2::bigint"
    " AND (paid_at IS NULL OR paid_at >= $5::timestamptz OR due_at >= $6::timestamptz)"
    " UNION ALL"
    " SELECT 3, NULL, NULL, NULL, (extract(epoch FROM opened_at) * 1000000)::bigint,"
    " (extract(epoch FROM closed_at) * 1000000)::bigint, ticket_id, priority FROM customer_tickets"
    " WHERE tenant = $1 AND customer_id = $2::bigint"
    " AND (closed_at IS NULL OR closed_at >= $5::timestamptz OR opened_at >= $7::timestamptz)"
    " UNION ALL"
    " SELECT 4, NULL,"
    " CASE WHEN e.data->>'count' ~ '^[1-9][0-9]{0,17}$' THEN (e.data->>'count')::bigint ELSE 1 END, NULL,"
    " (extract(epoch FROM e.occurred_at) * 1000000)::bigint, NULL, e.action, NULL"
    " FROM cut c JOIN events e ON e.tenant = $1 AND e.customer_id = $2::bigint AND e.action = c.action"
    " AND e.occurred_at >= c.first_at AND e.occurred_at <= c.last_at";

// Each (customer, as_of) pair's latest event before that as_of ($2, $3: microseconds), any action: one backward probe
// of events_customer_idx per pair (and month partition). With the pair's ordinal, to match rows to pairs.
constexpr std::string_view kLatestEvents =
    "SELECT q.n, (SELECT max(e.occurred_at) FROM events e WHERE e.tenant = $1 AND e.customer_id = q.customer_id"
    " AND e.occurred_at < timestamptz 'epoch' + q.as_of_us * interval '1 microsecond')"
    " FROM unnest($2::bigint[], $3::bigint[]) WITH ORDINALITY AS q(customer_id, as_of_us, n)";

std::string DateText(std::int64_t day) { return events::FormatRfc3339(day * kDayUs).substr(0, 10); }

std::optional<TimeUs> OptionalUs(const pg::Result& result, int row, int column) {
    if (result.IsNull(row, column)) return std::nullopt;
    return result.GetInt(row, column);
}

/// A nullable timestamptz of a binary result.
std::optional<TimeUs> OptionalTimestampUs(const pg::Result& result, int row, int column) {
    if (result.IsNull(row, column)) return std::nullopt;
    return result.GetTimestampUs(row, column);
}

std::string_view ActionOf(health::Activity activity) {
    switch (activity) {
        case health::Activity::kLogin:
            return "customer.login";
        case health::Activity::kApiCall:
            return "api.call";
        case health::Activity::kFeatureUsed:
            return "feature.used";
        case health::Activity::kOther:
            break;
    }
    throw std::logic_error("a cut bucket is never of another activity");
}

/// The rows of the four state tables for every customer of `tenant`, grouped by customer.
class StateReader {
  public:
    StateReader(pg::Connection& connection, std::string tenant)
        : connection_(connection), tenant_(std::move(tenant)) {}

    /// Reads what Score() needs at every as_of in [earliest, latest].
    std::map<std::int64_t, health::CustomerState> Read(TimeUs earliest, TimeUs latest) {
        ReadActivity(health::DayOf(earliest - 90 * kDayUs), health::DayOf(latest));
        ReadFeatures(health::DayOf(earliest - 90 * kDayUs), health::DayOf(latest));
        ReadInvoices(earliest);
        ReadTickets(earliest);
        return std::move(states_);
    }

    /// Adds the events of every state's cut buckets for `as_ofs`.
    void ReadCutEvents(std::map<std::int64_t, health::CustomerState>& states, std::span<const TimeUs> as_ofs) {
        std::string ids = "{", actions = "{", firsts = "{", lasts = "{";
        for (const auto& [id, state] : states) {
            for (const auto& bucket : health::CutBuckets(state, as_ofs)) {
                if (ids.size() > 1) ids += ',', actions += ',', firsts += ',', lasts += ',';
                ids += std::to_string(id);
                actions += ActionOf(bucket.activity);
                firsts += std::to_string(bucket.first_at);
                lasts += std::to_string(bucket.last_at);
            }
        }
        if (ids.size() == 1) return;
        const auto result = connection_.ExecBinary(std::string(kCutEvents),
                                                   {tenant_, ids + "}", actions + "}", firsts + "}", lasts + "}"});
        for (int row = 0; row < result.Rows(); ++row) {
            auto& state = states.at(result.GetInt(row, 0));
            state.events.push_back(
                {result.GetTimestampUs(row, 2), health::ActivityOf(result.Get(row, 1)), result.GetInt(row, 3)});
        }
    }

  private:
    health::CustomerState& State(std::int64_t id) {
        auto& state = states_[id];
        state.customer_id = id;
        return state;
    }

    void ReadActivity(std::int64_t first_day, std::int64_t last_day) {
        const pg::Params params{tenant_, DateText(first_day), DateText(last_day)};
        // The window's days, plus each customer's latest bucket before them (for `inactive`'s "N days ago").
        const std::string sql = "(" + std::string(kActivityColumns) + std::string(kActivityWindow) +
                                ") UNION ALL (SELECT DISTINCT ON (customer_id)"
                                " * FROM (" + std::string(kActivityColumns) + std::string(kActivityBefore) +
                                ") AS older ORDER BY customer_id, day DESC, last_at DESC)";
        // Row by row: the ~2 M buckets of a 10 M-event tenant held as one result took ~340 MB besides the states.
        connection_.ForEachRow(sql, params, [this](const pg::Result& row) {
            State(row.GetInt(0, 0))
                .activity.push_back({row.GetDayNumber(0, 1), health::ActivityOf(row.Get(0, 2)), row.GetInt(0, 3),
                                     row.GetInt(0, 4), row.GetTimestampUs(0, 5), row.GetTimestampUs(0, 6)});
        });
    }

    void ReadFeatures(std::int64_t first_day, std::int64_t last_day) {
        const pg::Params params{tenant_, DateText(first_day), DateText(last_day)};
        connection_.ForEachRow(std::string(kFeatureColumns), params, [this](const pg::Result& row) {
            State(row.GetInt(0, 0))
                .features.push_back(
                    {row.GetDayNumber(0, 1), std::string(row.Get(0, 2)), row.GetTimestampUs(0, 3),
                     row.GetTimestampUs(0, 4)});
        });
    }

    void ReadInvoices(TimeUs earliest) {
        const pg::Params params{tenant_, events::FormatRfc3339(earliest), events::FormatRfc3339(earliest - 90 * kDayUs)};
        const auto result = connection_.ExecBinary(std::string(kInvoiceColumns), params);
        for (int row = 0; row < result.Rows(); ++row) {
            State(result.GetInt(row, 0))
                .invoices.push_back({std::string(result.Get(row, 1)), OptionalTimestampUs(result, row, 2),
                                     OptionalTimestampUs(result, row, 3)});
        }
    }

    void ReadTickets(TimeUs earliest) {
        const pg::Params params{tenant_, events::FormatRfc3339(earliest), events::FormatRfc3339(earliest - 60 * kDayUs)};
        const auto result = connection_.ExecBinary(std::string(kTicketColumns), params);
        for (int row = 0; row < result.Rows(); ++row) {
            health::Ticket ticket;
            ticket.ticket_id = std::string(result.Get(row, 1));
            ticket.priority = health::ParsePriority(result.Get(row, 2)).value_or(health::Priority::kNormal);
            ticket.opened_at = OptionalTimestampUs(result, row, 3);
            ticket.closed_at = OptionalTimestampUs(result, row, 4);
            State(result.GetInt(row, 0)).tickets.push_back(std::move(ticket));
        }
    }

    pg::Connection& connection_;
    std::string tenant_;
    std::map<std::int64_t, health::CustomerState> states_;
};

/// A customer's state and an as_of it is scored at.
struct ScoredAt {
    health::CustomerState* state;
    TimeUs as_of;
};

/// Where the buckets show no event in the 90 days before an as_of, adds the customer's latest event before it as a
/// one-event kOther bucket: exact evidence for `inactive` and its "N days ago", which an other-actions bucket whose
/// last is not its day's latest cannot give (health::kOtherActionsKey). Only customers that look inactive are read,
/// all in one statement.
void AddLatestEventsOfQuietCustomers(pg::Connection& connection, const std::string& tenant,
                                     std::span<const ScoredAt> scored) {
    std::vector<ScoredAt> quiet;
    std::string ids = "{", as_ofs = "{";
    for (const ScoredAt& entry : scored) {
        if (health::ShowsEventIn90Days(*entry.state, entry.as_of)) continue;
        if (!quiet.empty()) ids += ',', as_ofs += ',';
        quiet.push_back(entry);
        ids += std::to_string(entry.state->customer_id);
        as_ofs += std::to_string(entry.as_of);
    }
    if (quiet.empty()) return;
    const auto result = connection.ExecBinary(std::string(kLatestEvents), {tenant, ids + "}", as_ofs + "}"});
    for (int row = 0; row < result.Rows(); ++row) {
        if (result.IsNull(row, 1)) continue;  // nothing before as_of (or only in partitions dropped by retention)
        const TimeUs at = result.GetTimestampUs(row, 1);
        quiet.at(static_cast<std::size_t>(result.GetInt(row, 0) - 1))
            .state->activity.push_back({health::DayOf(at), health::Activity::kOther, 1, 0, at, at});
    }
}

/// True when an activity bucket shows an event before `as_of`.
bool SeenBefore(const health::CustomerState& state, TimeUs as_of) {
    return std::any_of(state.activity.begin(), state.activity.end(),
                       [&](const health::ActivityBucket& bucket) { return bucket.first_at < as_of; });
}

}  // namespace

std::optional<health::CustomerState> LoadCustomerState(pg::Connection& connection, const std::string& tenant,
                                                       std::int64_t customer_id, std::span<const TimeUs> as_ofs) {
    if (as_ofs.empty()) throw std::invalid_argument("LoadCustomerState needs an as_of");
    const auto [earliest, latest] = std::minmax_element(as_ofs.begin(), as_ofs.end());
    // The edges of W and P for every as_of, as health::CutBuckets() names them.
    std::string edges = "{";
    for (const TimeUs as_of : as_ofs) {
        for (const TimeUs edge : {as_of - 60 * kDayUs, as_of - 30 * kDayUs, as_of}) {
            if (edges.size() > 1) edges += ',';
            edges += events::FormatRfc3339(edge);
        }
    }
    edges += '}';
    const auto result = connection.ExecPrepared(
        "health_customer_state", std::string(kCustomerState),
        {tenant, std::to_string(customer_id), DateText(health::DayOf(*earliest - 90 * kDayUs)),
         DateText(health::DayOf(*latest)), events::FormatRfc3339(*earliest),
         events::FormatRfc3339(*earliest - 90 * kDayUs), events::FormatRfc3339(*earliest - 60 * kDayUs), edges});
    health::CustomerState state;
    state.customer_id = customer_id;
    for (int row = 0; row < result.Rows(); ++row) {
        switch (result.GetInt(row, 0)) {
            case 0:
                state.activity.push_back({result.GetInt(row, 1), health::ActivityOf(result.Get(row, 6)),
                                          result.GetInt(row, 2), result.GetInt(row, 3), result.GetInt(row, 4),
                                          result.GetInt(row, 5)});
                break;
            case 1:
                state.features.push_back({result.GetInt(row, 1), std::string(result.Get(row, 6)),
                                          result.GetInt(row, 4), result.GetInt(row, 5)});
                break;
            case 2:
                state.invoices.push_back(
                    {std::string(result.Get(row, 6)), OptionalUs(result, row, 4), OptionalUs(result, row, 5)});
                break;
            case 3: {
                health::Ticket ticket;
                ticket.ticket_id = std::string(result.Get(row, 6));
                ticket.priority = health::ParsePriority(result.Get(row, 7)).value_or(health::Priority::kNormal);
                ticket.opened_at = OptionalUs(result, row, 4);
                ticket.closed_at = OptionalUs(result, row, 5);
                state.tickets.push_back(std::move(ticket));
                break;
            }
            default:
                state.events.push_back(
                    {result.GetInt(row, 4), health::ActivityOf(result.Get(row, 6)), result.GetInt(row, 2)});
        }
    }
    if (!SeenBefore(state, *latest)) return std::nullopt;
    std::vector<ScoredAt> scored;
    for (const TimeUs as_of : as_ofs) scored.push_back({&state, as_of});
    AddLatestEventsOfQuietCustomers(connection, tenant, scored);
    return state;
}

std::vector<health::CustomerState> LoadTenantStates(pg::Connection& connection, const std::string& tenant,
                                                    TimeUs as_of) {
    StateReader reader(connection, tenant);
    auto states = reader.Read(as_of, as_of);
    std::erase_if(states, [&](const auto& entry) { return !SeenBefore(entry.second, as_of); });
    const TimeUs as_ofs[] = {as_of};
    reader.ReadCutEvents(states, as_ofs);
    std::vector<ScoredAt> scored;
    scored.reserve(states.size());
    for (auto& [id, state] : states) scored.push_back({&state, as_of});
    AddLatestEventsOfQuietCustomers(connection, tenant, scored);
    std::vector<health::CustomerState> out;
    out.reserve(states.size());
    for (auto& [id, state] : states) out.push_back(std::move(state));
    return out;
}

}  // namespace auditrail::query
