#include "identity_routes.hpp"

#include "handlers/get_login.hpp"
#include "handlers/get_users.hpp"
#include "handlers/post_login.hpp"
#include "handlers/post_logout.hpp"
#include "handlers/post_oauth_token.hpp"
#include "handlers/post_users.hpp"
#include "same_origin.hpp"

namespace auditrail::query {

void AddIdentityRoutes(http::Router& router, const QueryContext& context) {
    using http::Execution;
    using http::SyncHandler;
    auto state = std::make_shared<IdentityState>(context.identity);
    // Argon2 and the database run on the worker pool.
    router.Add("POST", "/v1/oauth/token", SyncHandler(PostOauthToken(context, state)), Execution::kBlocking);
    router.Add("GET", "/login", SyncHandler(GetLogin()));
    // Sign-in and sign-out forms only from this origin's own pages: a page elsewhere could otherwise sign the
    // browser in to an account of its choosing (login CSRF) or out.
    router.Add("POST", "/login", FromThisOrigin(PostLogin(context, state)), Execution::kBlocking);
    router.Add("POST", "/logout", FromThisOrigin(PostLogout(context)), Execution::kBlocking);
    router.Add("GET", "/v1/users", SyncHandler(GetUsers(context)), Execution::kBlocking);
    router.Add("POST", "/v1/users", SyncHandler(PostUsers(context)), Execution::kBlocking);
}

}  // namespace auditrail::query
