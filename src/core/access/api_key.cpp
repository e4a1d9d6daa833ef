#include "core/access/api_key.hpp"

#include <algorithm>

namespace swarm::core::access {
namespace {

bool is_lower_hex(char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
}

bool is_base64url(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '_';
}

}  // namespace

bool is_api_key_id(std::string_view id) {
    return id.size() == kApiKeyIdLength && std::all_of(id.begin(), id.end(), is_lower_hex);
}

bool is_api_key_secret(std::string_view secret) {
    return secret.size() == kApiKeySecretLength &&
           std::all_of(secret.begin(), secret.end(), is_base64url);
}

std::string api_key_prefix(std::string_view id) {
    return std::string(kApiKeyPrefix) + std::string(id);
}

std::string format_api_key(const ApiKeyParts& parts) {
    return api_key_prefix(parts.id) + "_" + parts.secret;
}

Result<ApiKeyParts> parse_api_key(std::string_view text, std::string_view field) {
    constexpr auto kLength = kApiKeyPrefix.size() + kApiKeyIdLength + 1 + kApiKeySecretLength;
    const auto id = text.substr(std::min(text.size(), kApiKeyPrefix.size()), kApiKeyIdLength);
    const auto separator = kApiKeyPrefix.size() + kApiKeyIdLength;
    if (text.size() != kLength || !text.starts_with(kApiKeyPrefix) || !is_api_key_id(id) ||
        text[separator] != '_' || !is_api_key_secret(text.substr(separator + 1))) {
        return fail(ErrorCode::kUnauthenticated,
                    "not an API key: expected csk_ followed by a 12-digit id, '_' and a "
                    "43-character secret",
                    std::string(field));
    }
    return ApiKeyParts{std::string(id), std::string(text.substr(separator + 1))};
}

}  // namespace swarm::core::access
