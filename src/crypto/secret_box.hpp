// Values kept encrypted at rest (a workspace's model API key, a network's tokens):
// XSalsa20-Poly1305 (libsodium's crypto_secretbox) under one 256-bit key from the environment or a
// key file, a fresh random nonce per value. Sealed text is "v1." + base64url(nonce | tag |
// ciphertext), so it fits a TEXT column in SQLite and PostgreSQL and names the format it was
// written in.
#pragma once

#include "core/result.hpp"

#include <string>
#include <string_view>
#include <utility>

namespace swarm::crypto {

class SecretBox {
public:
    /// A box under `key_text`: 32 bytes as 64 hex digits or as base64 / base64url (43-44
    /// characters). kInvalidArgument naming `field` otherwise; the key is never echoed.
    static core::Result<SecretBox> from_key_text(std::string_view key_text, std::string_view field);

    /// A new random key as 64 hex digits (what `from_key_text` reads back).
    static std::string generate_key_text();

    /// Encrypts and authenticates `plain`; two seals of one value differ (fresh nonce).
    std::string seal(std::string_view plain) const;

    /// The value, when `sealed` was sealed under this key and not changed since. kInvalidArgument
    /// (field "secret") for anything else: another key, a changed byte, a truncated or foreign
    /// text; the message never contains the value.
    core::Result<std::string> open(std::string_view sealed) const;

    SecretBox(const SecretBox&) = default;
    SecretBox& operator=(const SecretBox&) = default;
    SecretBox(SecretBox&&) = default;
    SecretBox& operator=(SecretBox&&) = default;
    ~SecretBox();

private:
    explicit SecretBox(std::string key) : key_(std::move(key)) {}

    std::string key_;  // 32 bytes; wiped on destruction
};

}  // namespace swarm::crypto
