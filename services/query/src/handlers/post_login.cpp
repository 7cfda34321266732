#include "post_login.hpp"

#include <auditrail/identity/password_hash.hpp>
#include <auditrail/identity/roles.hpp>
#include <auditrail/identity/user_store.hpp>

#include "../audit_log.hpp"
#include "../database.hpp"
#include "../form_body.hpp"
#include "../pages/login_page.hpp"
#include "../session_auth.hpp"

namespace auditrail::query {
namespace {

constexpr std::string_view kWrongCredentials = "The email or password is not correct.";

/// Checked against when the email is unknown, so that its answer costs the same Argon2 work.
const std::string& DummyHash() {
    static const std::string hash = identity::HashSecret("auditrail-no-such-user");
    return hash;
}

}  // namespace

PostLogin::PostLogin(const QueryContext& context, IdentityStatePtr state)
    : context_(context), state_(std::move(state)) {
    DummyHash();
}

http::Response PostLogin::operator()(http::Request& request) const {
    const auto form = IsFormBody(request) ? ParseForm(request.body) : std::nullopt;
    const auto email = form ? FormField(*form, "email") : std::nullopt;
    const auto password = form ? FormField(*form, "password") : std::nullopt;
    if (!email || !password || email->empty() || password->empty()) {
        return LoginPage(400, "Enter your email and password.", email.value_or(""));
    }
    const auto& settings = state_->settings;
    if (settings.signing_key.Empty()) return LoginPage(503, "Sign-in is not configured on this server.", *email);
    // The email as the lookup folds it (lower() the Unicode way: "admİn" finds admin), read for every sign-in so
    // that known and unknown emails cost the same round trips.
    std::string folded_email;
    std::optional<identity::User> user;
    try {
        user = WithDatabase([&] {
            auto connection = context_.pool.Acquire();
            folded_email = std::string(connection->Exec("SELECT lower($1)", {*email}).Get(0, 0));
            return identity::FindUserByEmail(*connection, *email);
        });
    } catch (const http::HttpError& error) {
        // A page, as the other pages answer an unreachable database, not the API's problem+json.
        auto page = LoginPage(503, "Signing in is not possible for a moment. Try again in a few seconds.", *email);
        for (const auto& [name, value] : error.headers) page.With(name, value);
        return page;
    }
    // Counted per account found, not per spelling, else each spelling had a budget of its own; an unknown email
    // is counted by its folded spelling, so that where the budget ends does not tell whether an account exists.
    const std::string account = user ? "user:" + user->id : "user:" + folded_email;
    if (const auto wait = state_->TakeAttempt(account, request.remote_address)) {
        auto page = LoginPage(429, "Too many failed attempts. Try again later.", *email);
        return page.With("Retry-After", std::to_string(wait->count()));
    }

    const bool password_ok = identity::VerifySecret(user ? user->password_hash : DummyHash(), *password);
    const auto scopes = user ? identity::ScopesForRole(user->role) : std::nullopt;
    if (!user || !password_ok || !user->active || !scopes) {
        // Already counted by TakeAttempt.
        // Only a known account has a tenant to record the failure in.
        if (user && context_.audit) {
            context_.audit->Record({user->tenant, "auth.login_failed", "failure", user->id, "user",
                                    request.remote_address, "user", user->id, "sign-in refused"});
        }
        return LoginPage(401, kWrongCredentials, *email);
    }
    state_->Succeeded(account, request.remote_address);
    if (context_.audit) {
        context_.audit->Record({user->tenant, "auth.login", "success", user->id, "user", request.remote_address, "user",
                                user->id, "signed in as " + user->role});
    }

    auth::TokenRequest token;
    token.tenant = user->tenant;
    token.scope = *scopes;
    token.sub = user->id;
    token.issuer = settings.issuer;
    token.audience = settings.audience;
    token.ttl_s = settings.session_ttl_s;
    http::Response response;
    response.status = 303;
    response.content_type = "text/plain; charset=utf-8";
    // A role that can see neither events nor health (content_creator) has only its account page to see.
    const bool sees_dashboard = scopes->find("events:read") != std::string::npos ||
                                scopes->find("health:read") != std::string::npos;
    response.With("Location", sees_dashboard ? "/dashboard" : "/account")
        .With("Cache-Control", "no-store")
        .With("Set-Cookie",
              std::string(kSessionCookie) + "=" + settings.signing_key.Sign(token) +
                  "; HttpOnly; SameSite=Strict; Path=/; Max-Age=" + std::to_string(settings.session_ttl_s));
    return response;
}

}  // namespace auditrail::query
