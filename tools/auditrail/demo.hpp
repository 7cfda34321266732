#pragma once

namespace auditrail::tool {

/// `auditrail demo [--events N] [--tenants T] [--customers C] [--months M]`: loads a realistic data set
/// (tenants, customers, their users, varied actions over months) straight into `events` with binary COPY.
int Demo(int argc, char** argv);

}  // namespace auditrail::tool
