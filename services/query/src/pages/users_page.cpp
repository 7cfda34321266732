#include "users_page.hpp"

#include "../user_creation.hpp"

namespace auditrail::query {
namespace {

std::string UsersTable(const std::vector<identity::User>& users) {
    std::string html =
        "<div class=\"scroll\"><table id=\"users\"><thead><tr><th>Email</th><th>Role</th><th>Active</th>"
        "<th>Created</th></tr></thead><tbody>";
    for (const auto& user : users) {
        html += "<tr><td>" + HtmlEscape(user.email) + "</td><td>" + HtmlEscape(user.role) + "</td><td>" +
                (user.active ? "yes" : "no") + "</td><td>" + HtmlEscape(user.created_at) + "</td></tr>";
    }
    if (users.empty()) html += "<tr><td colspan=\"4\" class=\"muted\">No users to show.</td></tr>";
    return html + "</tbody></table></div>";
}

std::string RoleSelect(const auth::Claims& viewer, const std::string& selected) {
    std::vector<std::string_view> roles;
    for (const std::string_view role : {"analyst", "content_creator", "admin", "owner"}) {
        if (CanGrantRole(viewer, role)) roles.push_back(role);
    }
    std::string html = "<select id=\"role\" name=\"role\">";
    for (const auto role : roles) {
        html += "<option value=\"" + HtmlEscape(role) + "\"" + (role == selected ? " selected" : "") + ">" +
                HtmlEscape(role) + "</option>";
    }
    return html + "</select>";
}

}  // namespace

http::Response UsersPage(int status, const auth::Claims& viewer, const std::vector<identity::User>& users,
                         const NewUserEntry& entry, std::vector<Flash> flashes) {
    const std::string content =
        "<section><h1>Users</h1>" + UsersTable(users) +
        "</section><section><h2>New user</h2><form id=\"new-user\" method=\"post\" action=\"/users\">"
        "<label for=\"email\">Email</label><input id=\"email\" name=\"email\" type=\"email\" required "
        "autocomplete=\"off\" value=\"" +
        HtmlEscape(entry.email) + "\"><label for=\"role\">Role</label>" + RoleSelect(viewer, entry.role) +
        "<label for=\"password\">Password</label><input id=\"password\" name=\"password\" type=\"password\" required "
        "autocomplete=\"new-password\"><div class=\"muted\">At least 12 characters.</div>"
        "<button type=\"submit\">Create user</button></form></section>";
    return HtmlPage(status, {.title = "Users", .viewer = &viewer, .flashes = std::move(flashes)}, content);
}

}  // namespace auditrail::query
