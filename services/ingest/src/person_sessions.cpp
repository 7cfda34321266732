#include "person_sessions.hpp"

#include <auditrail/common/log.hpp>
#include <auditrail/http/header_values.hpp>
#include <auditrail/http/problem.hpp>
#include <auditrail/identity/session_keys.hpp>
#include <auditrail/pg/connection.hpp>
#include <auditrail/pg/errors.hpp>

#include <unordered_map>
#include <unordered_set>

namespace auditrail::ingest {
namespace {

using Clock = std::chrono::steady_clock;

// PostgreSQL writes ids in lower case; a token's sub is looked up lower-cased, as `u.id = $1::uuid` compares.
const std::string kUsers = "SELECT id::text, tenant, role, active FROM users";
const std::string kEnded =
    "SELECT encode(jti_sha256, 'hex') FROM ended_sessions WHERE expires_at > now() - interval '1 day'";

// How far the clock of the service that issued a person's token (the query service) may be behind the database's.
constexpr std::int64_t kClockLeeway = 5;
const std::string kDatabaseNow = "SELECT floor(extract(epoch FROM clock_timestamp()))::bigint";

http::HttpError Unknown(std::string detail) {
    http::HttpError error(503, "database_unavailable", std::move(detail));
    error.headers.emplace_back("Retry-After", "2");
    return error;
}

}  // namespace

struct PersonSessions::View {
    struct Person {
        std::string tenant;
        std::string role;
        bool active = false;
    };
    std::unordered_map<std::string, Person> people;  // by lower-case id
    std::unordered_set<std::string> ended;           // EndedSessionKey of signed-out sessions
    Clock::time_point loaded_at;
    std::int64_t loaded_at_unix = 0;  ///< the database's clock, in Unix seconds, just before the users were read
};

PersonSessions::PersonSessions(std::string database_url, std::chrono::milliseconds interval)
    : database_url_(std::move(database_url)),
      interval_(interval),
      reloader_("sessions", interval, [this] { Reload(); }) {}

PersonSessions::~PersonSessions() { Stop(); }

void PersonSessions::Start() {
    Reload();
    reloader_.Start();
}

void PersonSessions::Stop() { reloader_.Stop(); }

void PersonSessions::Reload() {
    try {
        // A database that stops answering must not hold this thread (and the service's stop) for ever.
        auto& connection = pg::Reopened(connection_, database_url_, std::chrono::seconds(10));
        auto view = std::make_shared<View>();
        // Read before the users: a person missing from them was created after this moment, or is gone.
        view->loaded_at_unix = connection.Exec(kDatabaseNow).GetInt(0, 0);
        const auto people = connection.Exec(kUsers);
        for (int row = 0; row < people.Rows(); ++row) {
            view->people.emplace(std::string(people.Get(row, 0)),
                                 View::Person{std::string(people.Get(row, 1)), std::string(people.Get(row, 2)),
                                              people.Get(row, 3) == "t"});
        }
        const auto ended = connection.Exec(kEnded);
        for (int row = 0; row < ended.Rows(); ++row) view->ended.emplace(ended.Get(row, 0));
        view->loaded_at = Clock::now();
        const std::lock_guard lock(mutex_);
        view_ = std::move(view);
    } catch (const pg::ConnectionError& error) {
        common::LogWarn("could not reload people's sessions", {{"error", error.what()}});
        connection_.reset();
    } catch (const pg::QueryError& error) {
        common::LogWarn("could not reload people's sessions", {{"error", error.what()}});
        connection_.reset();
    }
}

std::optional<auth::Claims> PersonSessions::Check(auth::Claims claims) const {
    if (!identity::IsPersonSubject(claims.sub)) return claims;
    std::shared_ptr<const View> view;
    {
        const std::lock_guard lock(mutex_);
        view = view_;
    }
    if (!view || Clock::now() - view->loaded_at > 6 * interval_) {
        throw Unknown("people's sessions cannot be checked now; retry later");
    }
    const auto person = view->people.find(http::AsciiLower(claims.sub));
    if (person == view->people.end()) {
        // Issued after the users were last read (give or take clocks a little apart): perhaps a person created
        // since, whom the next reload will know. Issued before, or with no iat to tell: a person who is gone.
        if (claims.iat != 0 && claims.iat > view->loaded_at_unix - kClockLeeway) {
            throw Unknown("this person's session is not known here yet; retry in a moment");
        }
        return identity::JudgePersonSession(std::move(claims), nullptr, false);
    }
    const identity::PersonRow row{person->second.tenant, person->second.role, person->second.active};
    const bool signed_out = view->ended.contains(identity::EndedSessionKey(claims.jti));
    return identity::JudgePersonSession(std::move(claims), &row, signed_out);
}

}  // namespace auditrail::ingest
