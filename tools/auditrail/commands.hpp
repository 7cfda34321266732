#pragma once

namespace auditrail::tool {

/// `auditrail migrate`: applies the SQL migrations and makes partitions ahead.
int Migrate(int argc, char** argv);
/// `auditrail token --tenant T --scope "..."`: prints a signed dev token and nothing else.
int Token(int argc, char** argv);
/// `auditrail partitions`: makes partitions ahead and lists them.
int Partitions(int argc, char** argv);

}  // namespace auditrail::tool
