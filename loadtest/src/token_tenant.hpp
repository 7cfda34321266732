#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace auditrail::load {

/// The `tenant` claim of a compact JWT, read without checking its signature (the service checks that): so that a
/// run given --token names, and verifies, the tenant its events really go to. Nothing when `token` is not a JWT
/// with a string `tenant` claim.
std::optional<std::string> TokenTenant(std::string_view token);

}  // namespace auditrail::load
