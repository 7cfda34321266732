#pragma once

#include "query_config.hpp"

#include <cstdint>
#include <memory>

namespace auditrail::query {

/// The query service: search, export, health scores and pages (API.md §3–5).
class QueryService {
public:
    explicit QueryService(QueryConfig config);
    ~QueryService();

    /// @throws std::runtime_error when the address cannot be bound.
    void Start();
    std::uint16_t Port() const;
    void Shutdown();

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace auditrail::query
