#include "hmac_sha256.hpp"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <climits>

namespace auditrail::auth {

bool HmacSha256(std::string_view key, std::string_view data, Sha256Digest& out) {
    if (key.size() > static_cast<std::size_t>(INT_MAX)) return false;
    unsigned int length = 0;
    // An empty key still needs a non-null pointer for OpenSSL.
    static constexpr unsigned char kEmptyKey = 0;
    const void* key_bytes = key.empty() ? static_cast<const void*>(&kEmptyKey) : key.data();
    const unsigned char* result =
        HMAC(EVP_sha256(), key_bytes, static_cast<int>(key.size()), reinterpret_cast<const unsigned char*>(data.data()),
             data.size(), out.data(), &length);
    return result != nullptr && length == out.size();
}

bool DigestEquals(const Sha256Digest& expected, std::string_view candidate) {
    // The length is public (it is that of the token part); only the contents need constant time.
    if (candidate.size() != expected.size()) return false;
    return CRYPTO_memcmp(expected.data(), candidate.data(), expected.size()) == 0;
}

}  // namespace auditrail::auth
