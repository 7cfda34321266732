#include <auditrail/http/content_coding.hpp>

#include <zlib.h>

#include <algorithm>
#include <cctype>
#include <stdexcept>
#include <vector>

namespace auditrail::http {
namespace {

using Status = BodyDecoding::Status;

constexpr std::size_t kInflateStep = 64 * 1024;

std::string Lower(std::string_view text) {
    std::string lower;
    for (char c : text) {
        if (c != ' ' && c != '\t') lower.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
    }
    return lower;
}

/// The codings of a Content-Encoding value, in the order they were applied, `identity` left out.
std::vector<std::string> Codings(std::string_view value) {
    std::vector<std::string> codings;
    while (!value.empty()) {
        const auto comma = value.find(',');
        std::string coding = Lower(value.substr(0, comma));
        if (!coding.empty() && coding != "identity") codings.push_back(std::move(coding));
        value = comma == std::string_view::npos ? std::string_view() : value.substr(comma + 1);
    }
    return codings;
}

/// Owns a zlib inflate stream for gzip members (RFC 1952).
class GzipInflater {
public:
    GzipInflater() { ok_ = inflateInit2(&stream_, 16 + MAX_WBITS) == Z_OK; }
    ~GzipInflater() {
        if (ok_) inflateEnd(&stream_);
    }
    GzipInflater(const GzipInflater&) = delete;
    GzipInflater& operator=(const GzipInflater&) = delete;

    BodyDecoding Inflate(const std::string& in, std::string& out, std::size_t max_bytes) {
        if (!ok_) return {Status::kCorrupt, "the gzip body could not be inflated"};
        stream_.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
        stream_.avail_in = static_cast<uInt>(in.size());
        std::size_t produced = 0;
        for (;;) {
            // One byte past the limit tells "exactly the limit" from "more".
            if (out.size() == produced) out.resize(std::min(produced + kInflateStep, max_bytes + 1));
            stream_.next_out = reinterpret_cast<Bytef*>(out.data() + produced);
            stream_.avail_out = static_cast<uInt>(out.size() - produced);
            const int result = inflate(&stream_, Z_NO_FLUSH);
            produced = out.size() - stream_.avail_out;
            if (produced > max_bytes) {
                return {Status::kTooLarge, "the body is larger than " + std::to_string(max_bytes) +
                                               " bytes once decompressed"};
            }
            if (result == Z_STREAM_END) {
                if (stream_.avail_in == 0) break;
                inflateReset(&stream_);  // another gzip member follows (RFC 1952 §2.2)
                continue;
            }
            if (result == Z_OK) continue;
            if (result == Z_BUF_ERROR && stream_.avail_out == 0) continue;  // room ran out: grow and go on
            return {Status::kCorrupt, result == Z_BUF_ERROR ? "the gzip body ends before its stream does"
                                                            : "the body is not valid gzip"};
        }
        out.resize(produced);
        return {};
    }

private:
    z_stream stream_{};
    bool ok_ = false;
};

}  // namespace

BodyDecoding DecodeContentEncoding(std::string_view content_encoding, std::string& body, std::size_t max_bytes) {
    const auto codings = Codings(content_encoding);
    if (codings.empty()) return {};
    if (codings.size() > 1 || (codings[0] != "gzip" && codings[0] != "x-gzip")) {
        return {Status::kUnsupported,
                "Content-Encoding " + std::string(content_encoding) + " is not supported: send gzip or no coding"};
    }
    std::string decoded;
    GzipInflater inflater;
    auto result = inflater.Inflate(body, decoded, max_bytes);
    if (result.status == Status::kOk) body = std::move(decoded);
    return result;
}

std::string GzipCompress(std::string_view text, int level) {
    z_stream stream{};
    if (deflateInit2(&stream, level, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY) != Z_OK) {
        throw std::runtime_error("zlib: deflateInit2 failed");
    }
    std::string out(deflateBound(&stream, static_cast<uLong>(text.size())), '\0');
    stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(text.data()));
    stream.avail_in = static_cast<uInt>(text.size());
    stream.next_out = reinterpret_cast<Bytef*>(out.data());
    stream.avail_out = static_cast<uInt>(out.size());
    const int result = deflate(&stream, Z_FINISH);  // deflateBound's room takes it in one call
    out.resize(stream.total_out);
    deflateEnd(&stream);
    if (result != Z_STREAM_END) throw std::runtime_error("zlib: deflate did not finish");
    return out;
}

}  // namespace auditrail::http
