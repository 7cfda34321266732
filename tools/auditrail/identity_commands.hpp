#pragma once

namespace auditrail::tool {

/// `auditrail clients create|list|disable`: service clients of the OAuth client-credentials grant.
int Clients(int argc, char** argv);
/// `auditrail users create|list`: people who sign in to the dashboards (password from standard input).
int Users(int argc, char** argv);

}  // namespace auditrail::tool
