#include "get_login.hpp"

#include "../pages/login_page.hpp"

namespace auditrail::query {

http::Response GetLogin::operator()(http::Request& /*request*/) const { return LoginPage(200); }

}  // namespace auditrail::query
