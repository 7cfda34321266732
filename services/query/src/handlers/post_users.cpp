#include "post_users.hpp"

#include <simdjson.h>

#include <algorithm>
#include <auditrail/common/json.hpp>
#include <auditrail/http/authenticate.hpp>
#include <auditrail/http/header_values.hpp>
#include <auditrail/http/problem.hpp>
#include <map>
#include <vector>

#include "../user_creation.hpp"
#include "../user_json.hpp"

namespace auditrail::query {
namespace {

using Errors = UserFieldErrors;

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
    std::vector<std::string_view> seen;
    for (const auto field : object) {
        const auto target = fields.find(field.key);
        if (target == fields.end()) {
            errors.emplace_back(std::string(field.key), "is not a field of a user");
            continue;
        }
        // As for events: a key sent twice would leave which value counts to the parser.
        if (std::find(seen.begin(), seen.end(), field.key) != seen.end()) {
            errors.emplace_back(std::string(field.key), "appears twice");
            continue;
        }
        seen.push_back(field.key);
        std::string_view value;
        if (field.value.get_string().get(value) != simdjson::SUCCESS) {
            errors.emplace_back(std::string(field.key), "must be a string");
            continue;
        }
        *target->second = std::string(value);
    }
    // The rules are the page's too; a field already reported (unknown type) is not reported twice.
    for (auto& error : CheckNewUser(user)) {
        const bool reported =
            std::any_of(errors.begin(), errors.end(), [&](const auto& e) { return e.first == error.first; });
        if (!reported) errors.push_back(std::move(error));
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
    const auth::Claims claims = http::Authenticate(request, context_.verifier, "admin", &context_.session_check);
    if (!http::IsMediaType(request.Header("content-type"), "application/json")) {
        throw http::HttpError(415, "unsupported_media_type", "the body must be application/json");
    }
    NewUser wanted;
    const auto errors = ReadNewUser(request.body, wanted);
    if (!errors.empty()) throw ValidationFailed(errors);
    const auto result = CreateTenantUser(context_, claims, wanted, request.remote_address);
    switch (result.status) {
        case NewUserStatus::kCreated:
            break;
        case NewUserStatus::kInvalid:
            throw ValidationFailed(result.errors);
        case NewUserStatus::kRoleBeyondCreator:
            throw http::HttpError(403, "forbidden", "role " + wanted.role + " has scopes this token does not hold");
        case NewUserStatus::kEmailTaken:
            throw http::HttpError(409, "conflict", "a user with this email exists");
    }
    const auto& user = result.user;
    std::string body;
    AppendUserJson(body, user);
    return http::Json(201, std::move(body));
}

}  // namespace auditrail::query
