#include "crypto/sodium.hpp"

#include <array>
#include <mutex>
#include <sodium.h>
#include <stdexcept>

namespace swarm::crypto {
namespace {

/// sodium_init once per process; it only fails without a usable random source.
void ensure_initialised() {
    static std::once_flag once;
    std::call_once(once, [] {
        if (sodium_init() < 0) {
            throw std::runtime_error("libsodium could not be initialised (no random source)");
        }
    });
}

struct Limits {
    unsigned long long ops;
    std::size_t mem;
};

Limits limits(PasswordCost cost) {
    return cost == PasswordCost::kInteractive
               ? Limits{crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE}
               : Limits{crypto_pwhash_OPSLIMIT_MIN, crypto_pwhash_MEMLIMIT_MIN};
}

}  // namespace

core::Result<std::string> hash_password(std::string_view password, PasswordCost cost) {
    ensure_initialised();
    std::array<char, crypto_pwhash_STRBYTES> out{};
    const auto [ops, mem] = limits(cost);
    if (crypto_pwhash_str_alg(out.data(), password.data(), password.size(), ops, mem,
                              crypto_pwhash_ALG_ARGON2ID13) != 0) {
        return core::fail(core::ErrorCode::kResourceExhausted,
                          "not enough memory to hash the password", "password");
    }
    return std::string(out.data());
}

bool verify_password(std::string_view stored, std::string_view password) {
    ensure_initialised();
    // crypto_pwhash_str_verify reads a NUL-terminated string of at most STRBYTES.
    if (stored.empty() || stored.size() >= crypto_pwhash_STRBYTES ||
        stored.find('\0') != std::string_view::npos) {
        return false;
    }
    const std::string terminated(stored);
    return crypto_pwhash_str_verify(terminated.c_str(), password.data(), password.size()) == 0;
}

bool password_needs_rehash(std::string_view stored, PasswordCost cost) {
    ensure_initialised();
    if (stored.empty() || stored.size() >= crypto_pwhash_STRBYTES) {
        return true;
    }
    const std::string terminated(stored);
    const auto [ops, mem] = limits(cost);
    return crypto_pwhash_str_needs_rehash(terminated.c_str(), ops, mem) != 0;
}

std::string secret_digest(std::string_view secret) {
    ensure_initialised();
    std::array<unsigned char, crypto_generichash_BYTES> digest{};
    crypto_generichash(digest.data(), digest.size(),
                       reinterpret_cast<const unsigned char*>(secret.data()), secret.size(),
                       nullptr, 0);
    std::array<char, crypto_generichash_BYTES * 2 + 1> hex{};
    sodium_bin2hex(hex.data(), hex.size(), digest.data(), digest.size());
    return std::string(hex.data());
}

bool equal_constant_time(std::string_view a, std::string_view b) {
    ensure_initialised();
    return a.size() == b.size() && (a.empty() || sodium_memcmp(a.data(), b.data(), a.size()) == 0);
}

std::string random_bytes(std::size_t bytes) {
    ensure_initialised();
    std::string out(bytes, '\0');
    randombytes_buf(out.data(), out.size());
    return out;
}

std::string random_token(std::size_t bytes) {
    const auto raw = random_bytes(bytes);
    constexpr int kVariant = sodium_base64_VARIANT_URLSAFE_NO_PADDING;
    std::string out(sodium_base64_ENCODED_LEN(bytes, kVariant), '\0');
    sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(raw.data()),
                      raw.size(), kVariant);
    out.resize(out.find('\0'));
    return out;
}

}  // namespace swarm::crypto
