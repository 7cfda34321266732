#include <auditrail/common/base64url.hpp>
#include <auditrail/identity/password_hash.hpp>

#include <argon2.h>
#include <openssl/rand.h>

#include <stdexcept>
#include <vector>

namespace auditrail::identity {
namespace {

constexpr std::uint32_t kPasses = 2;
constexpr std::uint32_t kMemoryKiB = 19 * 1024;
constexpr std::uint32_t kLanes = 1;
constexpr std::size_t kSaltBytes = 16;
constexpr std::size_t kHashBytes = 32;

std::vector<unsigned char> RandomBytes(std::size_t count) {
    std::vector<unsigned char> bytes(count);
    if (RAND_bytes(bytes.data(), static_cast<int>(bytes.size())) != 1) throw std::runtime_error("RAND_bytes failed");
    return bytes;
}

}  // namespace

std::string HashSecret(std::string_view secret) {
    const auto salt = RandomBytes(kSaltBytes);
    std::string encoded(argon2_encodedlen(kPasses, kMemoryKiB, kLanes, kSaltBytes, kHashBytes, Argon2_id), '\0');
    const int result = argon2id_hash_encoded(kPasses, kMemoryKiB, kLanes, secret.data(), secret.size(), salt.data(),
                                             salt.size(), kHashBytes, encoded.data(), encoded.size());
    if (result != ARGON2_OK) throw std::runtime_error(std::string("argon2id failed: ") + argon2_error_message(result));
    encoded.resize(encoded.find('\0'));
    return encoded;
}

bool VerifySecret(std::string_view encoded, std::string_view secret) {
    const std::string terminated(encoded);
    return argon2id_verify(terminated.c_str(), secret.data(), secret.size()) == ARGON2_OK;
}

std::string RandomToken(std::size_t bytes) {
    const auto raw = RandomBytes(bytes);
    return common::Base64UrlEncode(std::string_view(reinterpret_cast<const char*>(raw.data()), raw.size()));
}

}  // namespace auditrail::identity
