#include "cursor.hpp"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/sha.h>

#include <auditrail/common/base64url.hpp>
#include <auditrail/events/uuid.hpp>
#include <cstring>

namespace auditrail::query {
namespace {

constexpr unsigned char kVersion = 1;
constexpr std::size_t kMacBytes = 16;
constexpr std::size_t kBodyBytes = 1 + 16 + 1 + 8 * 3 + 16;

void Put64(std::string& out, std::int64_t value) {
    const auto bits = static_cast<std::uint64_t>(value);
    for (int shift = 56; shift >= 0; shift -= 8) out.push_back(static_cast<char>((bits >> shift) & 0xFF));
}

std::int64_t Get64(const unsigned char* in) {
    std::uint64_t bits = 0;
    for (int i = 0; i < 8; ++i) bits = (bits << 8) | in[i];
    return static_cast<std::int64_t>(bits);
}

std::array<unsigned char, 32> HmacSha256(const std::array<unsigned char, 32>& key, std::string_view data) {
    std::array<unsigned char, 32> mac{};
    unsigned int length = 0;
    HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()), reinterpret_cast<const unsigned char*>(data.data()),
         data.size(), mac.data(), &length);
    return mac;
}

}  // namespace

CursorCodec::CursorCodec(std::string_view secret) {
    // A key of its own, derived from the secret, so that a cursor MAC is never a valid token signature.
    std::array<unsigned char, 32> secret_key{};
    SHA256(reinterpret_cast<const unsigned char*>(secret.data()), secret.size(), secret_key.data());
    key_ = HmacSha256(secret_key, "auditrail query cursor v1");
}

std::string CursorCodec::Encode(const Cursor& cursor) const {
    std::string body;
    body.reserve(kBodyBytes + kMacBytes);
    body.push_back(static_cast<char>(kVersion));
    body.append(reinterpret_cast<const char*>(cursor.binding.data()), cursor.binding.size());
    body.push_back(cursor.order == SortOrder::kAsc ? 1 : 0);
    Put64(body, cursor.from);
    Put64(body, cursor.to);
    Put64(body, cursor.position.occurred_at);
    const auto id = events::ParseUuid(cursor.position.id).value_or(events::UuidBytes{});
    body.append(reinterpret_cast<const char*>(id.data()), id.size());
    const auto mac = HmacSha256(key_, body);
    body.append(reinterpret_cast<const char*>(mac.data()), kMacBytes);
    return common::Base64UrlEncode(body);
}

std::optional<Cursor> CursorCodec::Decode(std::string_view text) const {
    std::string decoded;
    if (!common::Base64UrlDecode(text, decoded) || decoded.size() != kBodyBytes + kMacBytes) return std::nullopt;
    const std::string* bytes = &decoded;
    const std::string_view body(bytes->data(), kBodyBytes);
    const auto mac = HmacSha256(key_, body);
    if (CRYPTO_memcmp(mac.data(), bytes->data() + kBodyBytes, kMacBytes) != 0) return std::nullopt;
    const auto* in = reinterpret_cast<const unsigned char*>(body.data());
    if (in[0] != kVersion || in[17] > 1) return std::nullopt;
    Cursor cursor;
    std::memcpy(cursor.binding.data(), in + 1, cursor.binding.size());
    cursor.order = in[17] == 1 ? SortOrder::kAsc : SortOrder::kDesc;
    cursor.from = Get64(in + 18);
    cursor.to = Get64(in + 26);
    cursor.position.occurred_at = Get64(in + 34);
    static constexpr char kHex[] = "0123456789abcdef";
    std::string id;
    for (int i = 0; i < 16; ++i) {
        if (i == 4 || i == 6 || i == 8 || i == 10) id.push_back('-');
        id.push_back(kHex[in[42 + i] >> 4]);
        id.push_back(kHex[in[42 + i] & 0xF]);
    }
    cursor.position.id = std::move(id);
    return cursor;
}

std::array<unsigned char, 16> CursorCodec::Binding(std::string_view tenant, const SearchFilter& filter) {
    std::string text(tenant);
    text.push_back('\0');
    text += FilterFingerprint(filter);
    unsigned char digest[SHA256_DIGEST_LENGTH];
    SHA256(reinterpret_cast<const unsigned char*>(text.data()), text.size(), digest);
    std::array<unsigned char, 16> binding{};
    std::memcpy(binding.data(), digest, binding.size());
    return binding;
}

}  // namespace auditrail::query
