#include "identity_routes.hpp"

#include "handlers/get_login.hpp"
#include "handlers/get_users.hpp"
#include "handlers/post_login.hpp"
#include "handlers/post_logout.hpp"
#include "handlers/post_oauth_token.hpp"
#include "handlers/post_users.hpp"

namespace auditrail::query {

void AddIdentityRoutes(http::Router& router, const QueryContext& context) {
    using http::Execution;
    using http::SyncHandler;
    auto state = std::make_shared<IdentityState>(context.identity);
    // Argon2 and the database run on the worker pool.
    router.Add("POST", "/v1/oauth/token", SyncHandler(PostOauthToken(context, state)), Execution::kBlocking);
    router.Add("GET", "/login", SyncHandler(GetLogin()));
    router.Add("POST", "/login", SyncHandler(PostLogin(context, state)), Execution::kBlocking);
    router.Add("POST", "/logout", SyncHandler(PostLogout()));
    router.Add("GET", "/v1/users", SyncHandler(GetUsers(context)), Execution::kBlocking);
    router.Add("POST", "/v1/users", SyncHandler(PostUsers(context)), Execution::kBlocking);
}

}  // namespace auditrail::query
