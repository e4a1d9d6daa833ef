#include "app/access_keys.hpp"

#include "core/access/api_key.hpp"
#include "crypto/sodium.hpp"

#include <charconv>

#include <fmt/format.h>

namespace swarm::app {
namespace {

constexpr int kIdAttempts = 8;

tl::unexpected<core::Error> refuse(std::string message) {
    return core::fail(core::ErrorCode::kUnauthenticated, std::move(message), "Authorization");
}

}  // namespace

std::string secure_hex(std::size_t bytes) {
    const auto raw = crypto::random_bytes(bytes);
    std::string out;
    out.reserve(raw.size() * 2);
    for (const char c : raw) {
        out += fmt::format("{:02x}", static_cast<unsigned char>(c));
    }
    return out;
}

core::Result<EnsuredWorkspace> ensure_workspace(core::AccessStore& store, const std::string& name) {
    SWARM_TRY(core::access::check_workspace_name(name, "workspace"));
    for (int attempt = 0; attempt < kIdAttempts; ++attempt) {
        SWARM_TRY_ASSIGN(auto found, store.find_workspace(name));
        if (found) {
            return EnsuredWorkspace{std::move(*found), false};
        }
        auto created = store.create_workspace(core::WorkspaceId("ws_" + secure_hex(8)), name);
        if (created) {
            return EnsuredWorkspace{std::move(*created), true};
        }
        if (created.error().code != core::ErrorCode::kAlreadyExists) {
            return tl::unexpected(created.error());
        }
        // Another process created it meanwhile (or an id collided): look again.
    }
    return core::fail(core::ErrorCode::kUnavailable, "the workspace kept changing", "workspace");
}

core::Result<core::WorkspaceRecord> default_workspace(core::AccessStore& store) {
    SWARM_TRY_ASSIGN(auto all, store.list_workspaces());
    for (auto& workspace : all) {
        if (workspace.legacy) {
            return std::move(workspace);
        }
    }
    SWARM_TRY_ASSIGN(auto ensured, ensure_workspace(store, "default"));
    return std::move(ensured.workspace);
}

core::Result<IssuedKey> issue_key(core::AccessStore& store, const KeyRequest& request) {
    for (int attempt = 0; attempt < kIdAttempts; ++attempt) {
        core::access::ApiKeyParts parts{secure_hex(core::access::kApiKeyIdLength / 2),
                                        crypto::random_token(32)};
        auto key = core::access::format_api_key(parts);
        auto stored = store.create_key({parts.id, request.workspace, request.name, request.role,
                                        crypto::secret_digest(key), request.expires_at});
        if (stored) {
            return IssuedKey{std::move(key), std::move(*stored)};
        }
        if (stored.error().code != core::ErrorCode::kAlreadyExists) {
            return tl::unexpected(stored.error());
        }
    }
    return core::fail(core::ErrorCode::kUnavailable, "no free key id", "id");
}

core::Result<DeclaredKey> declare_key(core::AccessStore& store, std::string_view key,
                                      const KeyRequest& request, std::string_view field) {
    auto parts = core::access::parse_api_key(key, field);
    if (!parts) {
        return core::fail(core::ErrorCode::kInvalidArgument,
                          "is not an API key (csk_ + 12 hex digits + _ + 43 base64url "
                          "characters; make one with `content-swarm admin create-key`)",
                          std::string(field));
    }
    const auto digest = crypto::secret_digest(key);
    SWARM_TRY_ASSIGN(auto existing, store.find_key(parts->id));
    if (existing) {
        if (!crypto::equal_constant_time(existing->digest, digest)) {
            return core::fail(core::ErrorCode::kAlreadyExists,
                              "names a key id that is stored with another secret",
                              std::string(field));
        }
        return DeclaredKey{std::move(*existing), false};
    }
    SWARM_TRY_ASSIGN(auto stored, store.create_key({parts->id, request.workspace, request.name,
                                                    request.role, digest, request.expires_at}));
    return DeclaredKey{std::move(stored), true};
}

core::Result<std::chrono::seconds> parse_lifetime(std::string_view text, std::string_view field) {
    const auto bad = [&] {
        return core::fail(core::ErrorCode::kInvalidArgument,
                          "a duration is a whole number with a unit: 90d, 12h, 30m or 3600s",
                          std::string(field));
    };
    if (text.size() < 2) {
        return bad();
    }
    std::int64_t count = 0;
    const auto digits = text.substr(0, text.size() - 1);
    const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), count);
    if (ec != std::errc() || end != digits.data() + digits.size() || count <= 0 ||
        count > 36500LL * 86400) {
        return bad();
    }
    std::int64_t unit = 0;
    switch (text.back()) {
        case 'd':
            unit = 86400;
            break;
        case 'h':
            unit = 3600;
            break;
        case 'm':
            unit = 60;
            break;
        case 's':
            unit = 1;
            break;
        default:
            return bad();
    }
    if (count > (36500LL * 86400) / unit) {
        return bad();
    }
    return std::chrono::seconds(count * unit);
}

core::Result<core::ApiKeyRecord> check_key(core::AccessStore& store, std::string_view key,
                                           core::Timestamp now) {
    SWARM_TRY_ASSIGN(const auto parts, core::access::parse_api_key(key, "Authorization"));
    SWARM_TRY_ASSIGN(auto record, store.find_key(parts.id));
    // An unknown id and a wrong secret answer alike: the id alone proves nothing.
    if (!record || !crypto::equal_constant_time(record->digest, crypto::secret_digest(key))) {
        return refuse("the API key is not valid");
    }
    if (record->revoked_at) {
        return refuse("the API key " + core::access::api_key_prefix(record->id) + " was revoked");
    }
    if (record->expires_at && *record->expires_at <= now) {
        return refuse("the API key " + core::access::api_key_prefix(record->id) + " expired");
    }
    return std::move(*record);
}

core::access::Principal principal_of(const core::ApiKeyRecord& key) {
    return core::access::Principal{
        key.workspace, key.workspace_name, key.role, key_actor(key.id), {}, {}, {}};
}

std::string key_actor(const std::string& key_id) {
    return "key:" + core::access::api_key_prefix(key_id);
}

}  // namespace swarm::app
