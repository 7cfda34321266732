#pragma once

#include "write_request.hpp"

#include <auditrail/pg/binary_array.hpp>
#include <auditrail/pg/connection.hpp>
#include <auditrail/pg/copy_buffer.hpp>

#include <string>
#include <vector>

namespace auditrail::ingest {

/// The COPY statement whose column order AppendEventRow follows; `table` is `events` or a staging table.
std::string CopyEventsSql(const std::string& table);

/// Adds one event of `request` as a binary COPY row.
void AppendEventRow(pg::BinaryCopyBuffer& buffer, const WriteRequest& request, const events::Event& event);

/// The INSERT into `events` whose parameters EventArrays makes: one binary array per column, unnested. COPY takes
/// a round trip of its own, which costs more than the rows of a small batch; this statement can be pipelined.
extern const std::string kInsertEventsSql;

/// Events as the parameters of kInsertEventsSql, in the same columns as AppendEventRow's.
class EventArrays {
public:
    EventArrays();

    void Add(const WriteRequest& request, const events::Event& event);
    /// The parameters, one array per column.
    pg::Params Finish() const;

private:
    std::vector<pg::BinaryArray> columns_;
};

}  // namespace auditrail::ingest
