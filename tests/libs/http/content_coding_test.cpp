#include <auditrail/http/content_coding.hpp>

#include <catch2/catch.hpp>

namespace auditrail::test {
namespace {

using http::DecodeContentEncoding;
using Status = http::BodyDecoding::Status;

constexpr std::size_t kLimit = 1024 * 1024;

}  // namespace

TEST_CASE("a body without a content coding is left as it is", "[http][gzip]") {
    for (const std::string coding : {"", "identity", " Identity "}) {
        std::string body = R"({"action":"x"})";
        CAPTURE(coding);
        CHECK(DecodeContentEncoding(coding, body, kLimit).status == Status::kOk);
        CHECK(body == R"({"action":"x"})");
    }
}

TEST_CASE("a gzip body is inflated, whatever the coding's case or alias", "[http][gzip]") {
    const std::string text = R"({"events":[{"action":"user.login"},{"action":"user.logout"}]})";
    for (const std::string coding : {"gzip", "GZip", "x-gzip", "identity, gzip"}) {
        std::string body = http::GzipCompress(text);
        CAPTURE(coding);
        CHECK(DecodeContentEncoding(coding, body, kLimit).status == Status::kOk);
        CHECK(body == text);
    }
}

TEST_CASE("concatenated gzip members are one body", "[http][gzip]") {
    std::string body = http::GzipCompress("{\"action\":\"a\"}\n") + http::GzipCompress("{\"action\":\"b\"}\n");
    REQUIRE(DecodeContentEncoding("gzip", body, kLimit).status == Status::kOk);
    CHECK(body == "{\"action\":\"a\"}\n{\"action\":\"b\"}\n");
}

TEST_CASE("a body that inflates past the limit is refused, one at the limit is not", "[http][gzip]") {
    // 8 MiB of one byte compress to about 8 KiB: a small request must not become an unbounded one.
    std::string bomb = http::GzipCompress(std::string(8 * kLimit, ' '));
    REQUIRE(bomb.size() < 64 * 1024);
    const auto refused = DecodeContentEncoding("gzip", bomb, kLimit);
    CHECK(refused.status == Status::kTooLarge);
    CHECK(refused.detail == "the body is larger than 1048576 bytes once decompressed");

    std::string exact = http::GzipCompress(std::string(kLimit, 'a'));
    CHECK(DecodeContentEncoding("gzip", exact, kLimit).status == Status::kOk);
    CHECK(exact.size() == kLimit);
    std::string one_more = http::GzipCompress(std::string(kLimit + 1, 'a'));
    CHECK(DecodeContentEncoding("gzip", one_more, kLimit).status == Status::kTooLarge);
}

TEST_CASE("a broken or truncated gzip body is corrupt", "[http][gzip]") {
    const std::string whole = http::GzipCompress(std::string(5000, 'x') + "tail");
    const std::vector<std::string> bad = {
        "",
        R"({"action":"x"})",                     // labelled gzip, sent plain
        whole.substr(0, whole.size() / 2),       // cut in the deflate data
        whole.substr(0, whole.size() - 4),       // the trailer's length missing
        whole + "trailing bytes",                // not another member
    };
    for (std::size_t i = 0; i < bad.size(); ++i) {
        std::string body = bad[i];
        CAPTURE(i);
        const auto result = DecodeContentEncoding("gzip", body, kLimit);
        CHECK(result.status == Status::kCorrupt);
        CHECK_FALSE(result.detail.empty());
    }
    std::string flipped = whole;
    flipped[flipped.size() - 6] ^= 0x55;  // the CRC-32 no longer matches
    CHECK(DecodeContentEncoding("gzip", flipped, kLimit).status == Status::kCorrupt);
}

TEST_CASE("codings other than gzip are unsupported", "[http][gzip]") {
    for (const std::string coding : {"br", "deflate", "zstd", "compress", "gzip, gzip", "gzip, br"}) {
        std::string body = http::GzipCompress("{}");
        const std::string before = body;
        CAPTURE(coding);
        const auto result = DecodeContentEncoding(coding, body, kLimit);
        CHECK(result.status == Status::kUnsupported);
        CHECK(result.detail == "Content-Encoding " + coding + " is not supported: send gzip or no coding");
        CHECK(body == before);
    }
}

}  // namespace auditrail::test
