// The API key format: "csk_" + a 12-hex-digit public id + "_" + a 43-character base64url secret
// (256 random bits). The id is stored in clear (it finds the key and names it in lists and logs);
// the secret is shown once, at creation, and only its digest is stored.
#pragma once

#include "core/result.hpp"

#include <string>
#include <string_view>

namespace swarm::core::access {

inline constexpr std::string_view kApiKeyPrefix = "csk_";
inline constexpr std::size_t kApiKeyIdLength = 12;
inline constexpr std::size_t kApiKeySecretLength = 43;  // 32 bytes, unpadded base64url

struct ApiKeyParts {
    std::string id;      // 12 lower-case hex digits
    std::string secret;  // 43 base64url characters
};

/// "csk_<id>_<secret>". The parts must be valid (is_api_key_id, is_api_key_secret).
std::string format_api_key(const ApiKeyParts& parts);

/// The parts of a presented key. kUnauthenticated naming `field` for anything else, without
/// echoing what was presented (it may be a mistyped real key).
Result<ApiKeyParts> parse_api_key(std::string_view text, std::string_view field);

bool is_api_key_id(std::string_view id);
bool is_api_key_secret(std::string_view secret);

/// The key's public name, "csk_<id>", as lists, logs and `admin revoke-key` show it.
std::string api_key_prefix(std::string_view id);

}  // namespace swarm::core::access
