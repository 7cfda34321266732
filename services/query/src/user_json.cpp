#include "user_json.hpp"

#include <auditrail/common/json.hpp>

namespace auditrail::query {

void AppendUserJson(std::string& out, const identity::User& user) {
    using common::AppendJsonString;
    out += "{\"id\":";
    AppendJsonString(out, user.id);
    out += ",\"tenant\":";
    AppendJsonString(out, user.tenant);
    out += ",\"email\":";
    AppendJsonString(out, user.email);
    out += ",\"role\":";
    AppendJsonString(out, user.role);
    out += user.active ? ",\"active\":true" : ",\"active\":false";
    out += ",\"created_at\":";
    AppendJsonString(out, user.created_at);
    out += '}';
}

}  // namespace auditrail::query
