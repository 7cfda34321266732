#include "post_users.hpp"

#include <simdjson.h>

#include <algorithm>
#include <auditrail/common/json.hpp>
#include <auditrail/http/authenticate.hpp>
#include <auditrail/identity/roles.hpp>
#include <map>
#include <vector>

#include "../audit_log.hpp"
#include "../database.hpp"
#include "../user_json.hpp"

namespace auditrail::query {
namespace {

struct NewUser {
    std::string email;
    std::string password;
    std::string role;
};

using Errors = std::vector<std::pair<std::string, std::string>>;  // field, message

bool HasAllScopes(const auth::Claims& claims) {
    std::string_view all = identity::kAllScopes;
    while (!all.empty()) {
        const auto space = all.find(' ');
        if (!claims.HasScope(all.substr(0, space))) return false;
        all = space == std::string_view::npos ? std::string_view{} : all.substr(space + 1);
    }
    return true;
}

/// Reads the body into `user`, collecting every bad field. @throws HttpError 400 invalid_json.
Errors ReadNewUser(const std::string& body, NewUser& user) {
    simdjson::dom::parser parser;
    simdjson::dom::object object;
    if (parser.parse(body).get_object().get(object) != simdjson::SUCCESS) {
        throw http::HttpError(400, "invalid_json", "the body must be a JSON object");
    }
    Errors errors;
    std::map<std::string_view, std::string*> fields{
        {"email", &user.email}, {"password", &user.password}, {"role", &user.role}};
    std::map<std::string_view, bool> seen;
    for (const auto field : object) {
        const auto target = fields.find(field.key);
        if (target == fields.end()) {
            errors.emplace_back(std::string(field.key), "is not a field of a user");
            continue;
        }
        seen[target->first] = true;
        std::string_view value;
        if (field.value.get_string().get(value) != simdjson::SUCCESS) {
            errors.emplace_back(std::string(field.key), "must be a string");
            continue;
        }
        *target->second = std::string(value);
    }
    for (const auto& [name, target] : fields) {
        if (!seen[name]) errors.emplace_back(std::string(name), "is required");
    }
    if (seen["email"] && (user.email.size() > 254 || std::count(user.email.begin(), user.email.end(), '@') != 1 ||
                          user.email.front() == '@' || user.email.back() == '@')) {
        errors.emplace_back("email", "must be an email address of at most 254 characters");
    }
    if (seen["password"] && user.password.size() < 12) {
        errors.emplace_back("password", "must be at least 12 characters");
    }
    if (seen["role"] && !identity::ScopesForRole(user.role)) {
        errors.emplace_back("role", "must be owner, admin, analyst or content_creator");
    }
    return errors;
}

http::HttpError ValidationFailed(const Errors& errors) {
    std::string members = "\"errors\":[";
    for (std::size_t i = 0; i < errors.size(); ++i) {
        if (i > 0) members += ',';
        members += "{\"field\":" + common::JsonString(errors[i].first) +
                   ",\"message\":" + common::JsonString(errors[i].second) + "}";
    }
    members += ']';
    return http::HttpError(400, "validation_failed", std::to_string(errors.size()) + " field(s) are invalid",
                           std::move(members));
}

}  // namespace

http::Response PostUsers::operator()(http::Request& request) const {
    const auth::Claims claims = http::Authenticate(request, context_.verifier, "admin");
    const auto type = request.Header("content-type");
    if (type.substr(0, type.find(';')) != "application/json") {
        throw http::HttpError(415, "unsupported_media_type", "the body must be application/json");
    }
    NewUser wanted;
    const auto errors = ReadNewUser(request.body, wanted);
    if (!errors.empty()) throw ValidationFailed(errors);
    if (wanted.role == "owner" && !HasAllScopes(claims)) {
        throw http::HttpError(403, "forbidden", "only owners can create owners");
    }
    const auto user = WithDatabase([&] {
        auto connection = context_.pool.Acquire();
        try {
            return identity::CreateUser(*connection, claims.tenant, wanted.email, wanted.password, wanted.role);
        } catch (const identity::EmailTaken&) {
            throw http::HttpError(409, "conflict", "a user with this email exists");
        } catch (const std::invalid_argument& error) {
            throw ValidationFailed({{"user", error.what()}});
        }
    });
    if (context_.audit) {
        // Service clients' ids start with cl_; everything else that signs in is a user.
        const std::string actor_type = claims.sub.rfind("cl_", 0) == 0 ? "client" : "user";
        context_.audit->Record({user.tenant, "user.created", "success", claims.sub, actor_type, request.remote_address,
                                "user", user.id, "created " + user.email + " as " + user.role});
    }
    std::string body;
    AppendUserJson(body, user);
    return http::Json(201, std::move(body));
}

}  // namespace auditrail::query
