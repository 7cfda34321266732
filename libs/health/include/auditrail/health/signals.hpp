#pragma once

#include <auditrail/health/measure.hpp>
#include <auditrail/health/report.hpp>
#include <vector>

namespace auditrail::health {

/// Every signal of HEALTH.md's table that `m` raises, in the table's order (one `invoice_overdue`
/// per overdue invoice, one `urgent_ticket_open` per open urgent ticket).
std::vector<Signal> Signals(const Measurements& m, TimeUs as_of);

}  // namespace auditrail::health
