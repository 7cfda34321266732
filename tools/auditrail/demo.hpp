#pragma once

namespace auditrail::tool {

/// `auditrail demo [--events N] [--tenant NAME] [--tenants T] [--customers C] [--months M]`: loads a realistic
/// data set (tenants, customers, their users, varied actions over months) straight into `events` with binary
/// COPY, plus in every tenant the scenario customers 1001-1008, whose histories relative to now put
/// customers in every health band with every HEALTH.md signal; then rebuilds the tenants' health state.
int Demo(int argc, char** argv);

}  // namespace auditrail::tool
