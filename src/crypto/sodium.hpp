// Password hashing, secret digests, constant-time comparison and random tokens over libsodium.
// Every function is thread-safe; libsodium is initialised once, on first use.
#pragma once

#include "core/result.hpp"

#include <cstddef>
#include <string>
#include <string_view>

namespace swarm::crypto {

/// Argon2id cost of a password hash. kInteractive is libsodium's interactive limit (64 MiB, 2
/// passes): a sign-in costs tens of milliseconds. kTest is the minimum, for tests only.
enum class PasswordCost { kInteractive, kTest };

/// The password's Argon2id hash as libsodium's self-describing string ("$argon2id$v=19$m=...",
/// salt included): what is stored. kResourceExhausted when the memory cannot be had.
core::Result<std::string> hash_password(std::string_view password,
                                        PasswordCost cost = PasswordCost::kInteractive);

/// True when `password` matches `stored` (a hash_password string). Constant time in the
/// password; a malformed `stored` is false.
bool verify_password(std::string_view stored, std::string_view password);

/// True when `stored` was made with other limits than `cost` (hash again at the next sign-in).
bool password_needs_rehash(std::string_view stored, PasswordCost cost = PasswordCost::kInteractive);

/// BLAKE2b-256 of `secret`, lower-case hex (64 characters): what is stored for a high-entropy
/// secret such as an API key, which needs no slow hash.
std::string secret_digest(std::string_view secret);

/// Compares in time that depends only on the lengths.
bool equal_constant_time(std::string_view a, std::string_view b);

/// `bytes` random bytes as unpadded base64url (43 characters for 32 bytes).
std::string random_token(std::size_t bytes);

/// `bytes` random bytes.
std::string random_bytes(std::size_t bytes);

}  // namespace swarm::crypto
