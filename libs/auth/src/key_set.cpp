#include <simdjson.h>

#include <auditrail/auth/key_set.hpp>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <utility>

#include <auditrail/common/base64url.hpp>
#include "key.hpp"

namespace auditrail::auth {
namespace {

/// Far above any sensible key file (a JWKS of a hundred RSA-4096 keys is ~100 KiB).
constexpr std::size_t kMaxKeyFileBytes = 1 << 20;
constexpr std::size_t kMaxKidLength = 256;

constexpr std::string_view kBeginPrefix = "-----BEGIN ";
constexpr std::string_view kPemSuffix = "-----";
constexpr std::string_view kPublicKeyLabel = "PUBLIC KEY";

/// A problem in a key file's text; the public functions add where it came from.
struct KeyFileError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

std::string_view Trim(std::string_view text) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\r')) text.remove_suffix(1);
    return text;
}

/// A kid goes into error messages and is compared with JWS headers: printable ASCII, bounded.
void CheckKid(std::string_view kid) {
    if (kid.empty()) throw std::invalid_argument("empty kid");
    if (kid.size() > kMaxKidLength) throw std::invalid_argument("kid longer than 256 characters");
    for (const char c : kid) {
        if (c < 0x20 || c > 0x7e) throw std::invalid_argument("kid with a control or non-ASCII character");
    }
}

std::string LineError(std::size_t line, std::string_view what) {
    return "line " + std::to_string(line) + ": " + std::string(what);
}

/// Adds `key` under `kid`, or under its thumbprint when `kid` is empty.
void AddKey(KeySet& keys, std::string kid, KeyPtr key) {
    if (kid.empty()) kid = Thumbprint(*key);
    if (keys.AlgorithmOf(kid).has_value()) throw std::invalid_argument("duplicate kid '" + kid + "'");
    KeySetAccess::Insert(keys, std::move(kid), std::move(key));
}

KeySet ParsePem(std::string_view text) {
    KeySet keys;
    std::string pending_kid;
    std::size_t pending_kid_line = 0;
    std::size_t line_number = 0;
    std::istringstream lines{std::string(text)};
    std::string raw_line;
    while (std::getline(lines, raw_line)) {
        ++line_number;
        const std::string_view line = Trim(raw_line);
        if (line.empty()) continue;
        if (line.front() == '#') {
            const std::string_view comment = Trim(line.substr(1));
            constexpr std::string_view kKidPrefix = "kid:";
            if (comment.substr(0, kKidPrefix.size()) != kKidPrefix) continue;
            if (pending_kid_line != 0) throw KeyFileError(LineError(line_number, "second kid comment before a key"));
            pending_kid.assign(Trim(comment.substr(kKidPrefix.size())));
            try {
                CheckKid(pending_kid);
            } catch (const std::invalid_argument& error) {
                throw KeyFileError(LineError(line_number, error.what()));
            }
            pending_kid_line = line_number;
            continue;
        }
        if (line.substr(0, kBeginPrefix.size()) != kBeginPrefix ||
            line.size() < kBeginPrefix.size() + kPemSuffix.size() ||
            line.substr(line.size() - kPemSuffix.size()) != kPemSuffix) {
            throw KeyFileError(LineError(line_number, "unexpected text outside a PEM block"));
        }
        const std::string label(
            line.substr(kBeginPrefix.size(), line.size() - kBeginPrefix.size() - kPemSuffix.size()));
        if (label.find("PRIVATE KEY") != std::string::npos) {
            throw KeyFileError(LineError(
                line_number, "a private key (" + label + ") does not belong in the key file; give its public key"));
        }
        if (label != kPublicKeyLabel) {
            throw KeyFileError(LineError(line_number, "unsupported PEM block '" + label + "' (expected PUBLIC KEY)"));
        }
        const std::size_t begin_line = line_number;
        std::string block = "-----BEGIN PUBLIC KEY-----\n";
        bool ended = false;
        while (!ended && std::getline(lines, raw_line)) {
            ++line_number;
            const std::string_view body = Trim(raw_line);
            block.append(body);
            block.push_back('\n');
            ended = body == "-----END PUBLIC KEY-----";
        }
        if (!ended) throw KeyFileError(LineError(begin_line, "PUBLIC KEY block without its END line"));
        try {
            AddKey(keys, std::exchange(pending_kid, {}), PublicKeyFromPem(block));
        } catch (const std::invalid_argument& error) {
            throw KeyFileError(LineError(begin_line, error.what()));
        }
        pending_kid_line = 0;
    }
    if (pending_kid_line != 0) throw KeyFileError(LineError(pending_kid_line, "kid comment with no key after it"));
    if (keys.Empty()) throw KeyFileError("no PUBLIC KEY block");
    return keys;
}

/// The string member `name` of a JWK: nothing when absent, an error when not a string.
std::optional<std::string_view> StringMember(simdjson::dom::object jwk, std::string_view name) {
    simdjson::dom::element value;
    if (jwk.at_key(name).get(value) != simdjson::SUCCESS) return std::nullopt;
    std::string_view text;
    if (value.get_string().get(text) != simdjson::SUCCESS) {
        throw std::invalid_argument("\"" + std::string(name) + "\" must be a string");
    }
    return text;
}

std::string_view RequiredMember(simdjson::dom::object jwk, std::string_view name) {
    const std::optional<std::string_view> value = StringMember(jwk, name);
    if (!value.has_value()) throw std::invalid_argument("missing \"" + std::string(name) + "\"");
    return *value;
}

std::string DecodeMember(simdjson::dom::object jwk, std::string_view name) {
    std::string bytes;
    if (!common::Base64UrlDecode(RequiredMember(jwk, name), bytes)) {
        throw std::invalid_argument("\"" + std::string(name) + "\" is not base64url without padding");
    }
    return bytes;
}

/// One JWK to a key; its kid ("" when absent) goes to `kid`.
KeyPtr ParseJwk(simdjson::dom::object jwk, std::string& kid) {
    if (const auto value = StringMember(jwk, "kid")) {
        CheckKid(*value);  // before `kid` is set: the caller's error message shows it
        kid.assign(*value);
    }
    const std::string_view kty = RequiredMember(jwk, "kty");
    if (kty == "oct") throw std::invalid_argument("symmetric (oct) keys do not belong in the key file");
    // RFC 7518 §6.2.2 and §6.3.2: any of these makes it a private key.
    for (const std::string_view private_member : {"d", "p", "q", "dp", "dq", "qi", "oth"}) {
        simdjson::dom::element ignored;
        if (jwk.at_key(private_member).get(ignored) == simdjson::SUCCESS) {
            throw std::invalid_argument("private key material (\"" + std::string(private_member) +
                                        "\") does not belong in the key file");
        }
    }
    if (const auto use = StringMember(jwk, "use"); use.has_value() && *use != "sig") {
        throw std::invalid_argument("\"use\" is \"" + std::string(*use) + "\", not \"sig\"");
    }
    const std::optional<std::string_view> alg = StringMember(jwk, "alg");
    if (kty == "RSA") {
        if (alg.has_value() && *alg != "RS256") {
            throw std::invalid_argument("alg \"" + std::string(*alg) + "\" with an RSA key (only RS256 is supported)");
        }
        return RsaKeyFromComponents(DecodeMember(jwk, "n"), DecodeMember(jwk, "e"));
    }
    if (kty == "EC") {
        if (alg.has_value() && *alg != "ES256") {
            throw std::invalid_argument("alg \"" + std::string(*alg) + "\" with an EC key (only ES256 is supported)");
        }
        const std::string_view crv = RequiredMember(jwk, "crv");
        if (crv != "P-256") throw std::invalid_argument("curve \"" + std::string(crv) + "\" (only P-256 is supported)");
        return P256KeyFromCoordinates(DecodeMember(jwk, "x"), DecodeMember(jwk, "y"));
    }
    throw std::invalid_argument("unsupported kty \"" + std::string(kty) + "\" (RSA or EC expected)");
}

KeySet ParseJwks(std::string_view text) {
    simdjson::dom::parser parser;
    simdjson::dom::element root;
    if (const auto error = parser.parse(simdjson::padded_string(text)).get(root); error != simdjson::SUCCESS) {
        throw KeyFileError(std::string("not valid JSON (") + simdjson::error_message(error) + ")");
    }
    simdjson::dom::array array;
    if (root["keys"].get_array().get(array) != simdjson::SUCCESS) {
        throw KeyFileError("a JWKS is an object with a \"keys\" array");
    }
    KeySet keys;
    std::size_t index = 0;
    for (const simdjson::dom::element item : array) {
        const std::string where = "keys[" + std::to_string(index++) + "]";
        simdjson::dom::object jwk;
        if (item.get_object().get(jwk) != simdjson::SUCCESS) throw KeyFileError(where + ": not an object");
        std::string kid;
        try {
            KeyPtr key = ParseJwk(jwk, kid);
            AddKey(keys, kid, std::move(key));
        } catch (const std::invalid_argument& error) {
            throw KeyFileError(where + (kid.empty() ? "" : " (kid '" + kid + "')") + ": " + error.what());
        }
    }
    if (keys.Empty()) throw KeyFileError("the \"keys\" array is empty");
    return keys;
}

bool LooksLikeJson(std::string_view text) {
    const std::size_t start = text.find_first_not_of(" \t\r\n");
    return start != std::string_view::npos && text[start] == '{';
}

}  // namespace

std::string_view AlgorithmName(KeyAlgorithm algorithm) {
    switch (algorithm) {
        case KeyAlgorithm::kHs256:
            return "HS256";
        case KeyAlgorithm::kRs256:
            return "RS256";
        case KeyAlgorithm::kEs256:
            return "ES256";
    }
    return "?";
}

KeySet::KeySet() = default;
KeySet::~KeySet() = default;
KeySet::KeySet(const KeySet&) = default;
KeySet& KeySet::operator=(const KeySet&) = default;
KeySet::KeySet(KeySet&&) noexcept = default;
KeySet& KeySet::operator=(KeySet&&) noexcept = default;

void KeySet::Insert(std::string kid, std::shared_ptr<const Key> key) {
    CheckKid(kid);
    if (keys_.find(kid) != keys_.end()) throw std::invalid_argument("duplicate kid '" + kid + "'");
    keys_.emplace(std::move(kid), std::move(key));
}

void KeySet::AddHs256(std::string kid, std::string secret) { Insert(std::move(kid), MakeHs256Key(std::move(secret))); }

std::string KeySet::AddPublicKeyPem(std::string kid, std::string_view pem) {
    KeyPtr key = PublicKeyFromPem(pem);
    if (kid.empty()) kid = Thumbprint(*key);
    Insert(kid, std::move(key));
    return kid;
}

bool KeySet::Remove(std::string_view kid) {
    const auto it = keys_.find(kid);
    if (it == keys_.end()) return false;
    keys_.erase(it);
    return true;
}

std::optional<KeyAlgorithm> KeySet::AlgorithmOf(std::string_view kid) const {
    const auto it = keys_.find(kid);
    if (it == keys_.end()) return std::nullopt;
    return it->second->algorithm;
}

std::vector<std::string> KeySet::Kids() const {
    std::vector<std::string> kids;
    kids.reserve(keys_.size());
    for (const auto& [kid, key] : keys_) kids.push_back(kid);
    return kids;
}

KeySet ParsePemKeySet(std::string_view text) {
    try {
        return ParsePem(text);
    } catch (const std::runtime_error& error) {
        throw std::runtime_error(std::string("auth: bad PEM key set: ") + error.what());
    }
}

KeySet ParseJwksKeySet(std::string_view text) {
    try {
        return ParseJwks(text);
    } catch (const std::runtime_error& error) {
        throw std::runtime_error(std::string("auth: bad JWKS key set: ") + error.what());
    }
}

KeySet LoadKeySet(const std::string& path) {
    const std::string where = "auth: key file '" + path + "': ";
    std::ifstream file(path, std::ios::binary);
    if (!file) throw std::runtime_error(where + "cannot be opened");
    std::string text;
    text.resize(kMaxKeyFileBytes + 1);
    file.read(text.data(), static_cast<std::streamsize>(text.size()));
    if (file.bad()) throw std::runtime_error(where + "cannot be read");
    text.resize(static_cast<std::size_t>(file.gcount()));
    if (text.size() > kMaxKeyFileBytes) throw std::runtime_error(where + "larger than 1 MiB");
    if (text.find_first_not_of(" \t\r\n") == std::string::npos) throw std::runtime_error(where + "empty");
    try {
        return LooksLikeJson(text) ? ParseJwks(text) : ParsePem(text);
    } catch (const std::runtime_error& error) {
        throw std::runtime_error(where + (LooksLikeJson(text) ? "JWKS: " : "PEM: ") + error.what());
    }
}

}  // namespace auditrail::auth
