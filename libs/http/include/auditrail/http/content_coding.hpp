#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace auditrail::http {

/// What undoing a request body's Content-Encoding (RFC 9110 §8.4) came to.
struct BodyDecoding {
    enum class Status {
        kOk,           ///< the body now holds the decoded bytes (unchanged when there was no coding)
        kUnsupported,  ///< a coding other than gzip: 415, with `Accept-Encoding: gzip`
        kCorrupt,      ///< not a complete gzip stream: 400
        kTooLarge,     ///< more than the limit once decoded: 413
    };
    Status status = Status::kOk;
    std::string detail;  ///< a sentence for the problem+json answer when not kOk
};

/// Decodes `body` in place by its Content-Encoding header value: none or `identity` leave it as it is; `gzip`
/// (or `x-gzip`, any case, several concatenated members allowed) is inflated to at most `max_bytes`, so that a
/// small compressed body cannot become an unbounded one.
BodyDecoding DecodeContentEncoding(std::string_view content_encoding, std::string& body, std::size_t max_bytes);

/// `text` as one gzip member (RFC 1952) at zlib's `level` (1 fastest … 9 smallest), as a client sends a
/// `Content-Encoding: gzip` body. @throws std::runtime_error if zlib fails (out of memory).
std::string GzipCompress(std::string_view text, int level = 1);

}  // namespace auditrail::http
