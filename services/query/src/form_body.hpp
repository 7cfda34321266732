#pragma once

#include <auditrail/http/query_string.hpp>
#include <auditrail/http/request.hpp>
#include <cstddef>
#include <optional>
#include <string>

namespace auditrail::query {

/// True when the Content-Type is application/x-www-form-urlencoded (parameters such as charset allowed).
bool IsFormBody(const http::Request& request);

/// Fields a form may have at most; our largest has about ten.
inline constexpr std::size_t kMaxFormFields = 64;

/// The decoded form fields; nothing when the body is malformed, has more than kMaxFormFields fields, a field is
/// repeated (RFC 6749 §3.2), or a name or value is not text PostgreSQL can hold (bad UTF-8, NUL).
std::optional<http::Params> ParseForm(const std::string& body);

/// The value of `name`, or nothing when absent.
std::optional<std::string> FormField(const http::Params& form, std::string_view name);

struct BasicCredentials {
    std::string user;      ///< client_id
    std::string password;  ///< client_secret
};

/// The `Authorization: Basic` credentials, each form-urlencoded inside (RFC 6749 §2.3.1); nothing when the
/// value is not valid base64 of `user:password`, an escape is malformed, or either part is not storable text.
std::optional<BasicCredentials> ParseBasic(std::string_view authorization);

/// True when the Authorization header uses the Basic scheme (case-insensitive).
bool IsBasic(std::string_view authorization);

}  // namespace auditrail::query
