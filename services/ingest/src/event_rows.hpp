#pragma once

#include "write_request.hpp"

#include <auditrail/pg/copy_buffer.hpp>

#include <string>

namespace auditrail::ingest {

/// The COPY statement whose column order AppendEventRow follows; `table` is `events` or a staging table.
std::string CopyEventsSql(const std::string& table);

/// Adds one event of `request` as a binary COPY row.
void AppendEventRow(pg::BinaryCopyBuffer& buffer, const WriteRequest& request, const events::Event& event);

}  // namespace auditrail::ingest
