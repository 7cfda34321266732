#pragma once

#include <cstddef>
#include <string>

namespace auditrail::events {

/// One reason an event was refused: its 0-based position in the batch, a dotted field path, a sentence.
struct FieldError {
    std::size_t index = 0;
    std::string field;
    std::string message;
};

}  // namespace auditrail::events
