#pragma once

#include <auditrail/identity/user_store.hpp>
#include <string>

namespace auditrail::query {

/// `{"id","tenant","email","role","active","created_at"}`: never the password hash.
void AppendUserJson(std::string& out, const identity::User& user);

}  // namespace auditrail::query
