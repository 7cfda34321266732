#pragma once

#include <string>

namespace auditrail::test {

/// `text` as one gzip member (RFC 1952), as a client compressing its request body sends it.
std::string Gzip(const std::string& text);

}  // namespace auditrail::test
