#include "post_users_page.hpp"

#include <auditrail/http/problem.hpp>

#include "../form_body.hpp"
#include "../pages/page_session.hpp"
#include "../pages/users_page.hpp"
#include "../tenant_users.hpp"
#include "../user_creation.hpp"

namespace auditrail::query {
namespace {

std::string FieldLabel(const std::string& field) {
    if (field == "email") return "Email";
    if (field == "password") return "Password";
    if (field == "role") return "Role";
    return "The user";
}

}  // namespace

http::Response PostUsersPage::operator()(http::Request& request) const {
    auto session = CheckPageSession(request, context_);
    if (!session.viewer) return std::move(session.refusal);
    const auto& viewer = session.viewer;
    if (!viewer->HasScope("admin")) return PageForbidden(*viewer, "managing users");

    const auto form = IsFormBody(request) ? ParseForm(request.body) : std::nullopt;
    NewUser wanted;
    if (form) {
        wanted.email = FormField(*form, "email").value_or("");
        wanted.password = FormField(*form, "password").value_or("");
        wanted.role = FormField(*form, "role").value_or("");
    }
    const NewUserEntry entry{wanted.email, wanted.role};

    // The page answers for itself from here on: a refusal shows the list and the form again.
    std::vector<Flash> flashes;
    int status = 422;
    if (!form) {
        flashes.push_back({Flash::Kind::kError, "The form could not be read; fill it in and send it again."});
        status = 400;
    } else {
        try {
            const auto result = CreateTenantUser(context_, *viewer, wanted, request.remote_address);
            switch (result.status) {
                case NewUserStatus::kCreated:
                    return RedirectTo("/users?created=" + result.user.id);
                case NewUserStatus::kInvalid:
                    for (const auto& [field, message] : result.errors) {
                        flashes.push_back({Flash::Kind::kError, FieldLabel(field) + ": " + message + "."});
                    }
                    break;
                case NewUserStatus::kRoleBeyondCreator:
                    flashes.push_back({Flash::Kind::kError, "Role: you can only give a role whose access you have."});
                    status = 403;
                    break;
                case NewUserStatus::kEmailTaken:
                    flashes.push_back(
                        {Flash::Kind::kError, "Email: a user with the email " + wanted.email + " exists."});
                    status = 409;
                    break;
            }
        } catch (const http::HttpError& error) {
            if (error.status != 503) throw;
            flashes.push_back({Flash::Kind::kError, "The database is unavailable, so the user was not created."});
            status = 503;
        }
    }
    const auto listed = ListTenantUsers(context_, viewer->tenant, flashes);
    return UsersPage(status, *viewer, listed.users, entry, std::move(flashes));
}

}  // namespace auditrail::query
