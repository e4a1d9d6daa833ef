#include "app/server_access.hpp"

#include "app/access_keys.hpp"
#include "core/access/api_key.hpp"
#include "core/text/utf8.hpp"

#include <fmt/format.h>

namespace swarm::app {
namespace {

/// Stores one declared key (CONTENT_SWARM_OWNER_KEY, CONTENT_SWARM_METRICS_KEY).
core::Result<void> declare(ApiRuntime& api, const core::WorkspaceRecord& workspace,
                           const std::string& key, core::access::Role role,
                           const std::string& variable, http::JsonLogger& logger) {
    SWARM_TRY_ASSIGN(const auto declared,
                     declare_key(api.access_store(), key,
                                 KeyRequest{workspace.id, variable, role, std::nullopt}, variable));
    const auto prefix = core::access::api_key_prefix(declared.record.id);
    if (declared.record.revoked_at) {
        logger.warn("declared key is revoked",
                    {{"variable", variable},
                     {"key", prefix},
                     {"note", "a revoked key stays revoked; set a new key in the variable"}});
        return {};
    }
    logger.info(declared.created ? "declared key stored" : "declared key present",
                {{"variable", variable},
                 {"key", prefix},
                 {"role", std::string(core::access::to_string(role))},
                 {"workspace", workspace.name}});
    return {};
}

}  // namespace

bool is_loopback_host(const std::string& host) {
    const auto lower = core::text::ascii_lower(host);
    return lower == "localhost" || lower == "::1" || lower == "[::1]" ||
           lower.rfind("127.", 0) == 0;
}

core::Result<void> check_access_config(const AccessConfig& config, const std::string& listen_host) {
    if (config.dev_no_auth && !is_loopback_host(listen_host)) {
        return core::fail(core::ErrorCode::kInvalidArgument,
                          "development mode without authentication only works on a loopback "
                          "address (127.0.0.1, ::1 or localhost); this server would listen on " +
                              listen_host,
                          "--dev-no-auth");
    }
    return {};
}

namespace {

/// The principal old clients without a key act as (CONTENT_SWARM_COMPAT_WORKSPACE), announced
/// at warn; nullopt when the setting is off.
core::Result<std::optional<core::access::Principal>> legacy_clients(const AccessConfig& config,
                                                                    core::AccessStore& store,
                                                                    http::JsonLogger& logger) {
    std::optional<core::access::Principal> legacy;
    if (config.compat_workspace) {
        SWARM_TRY_ASSIGN(const auto ensured, ensure_workspace(store, *config.compat_workspace));
        legacy = core::access::Principal{ensured.workspace.id,
                                         ensured.workspace.name,
                                         core::access::Role::kEditor,
                                         "compat",
                                         {},
                                         {},
                                         {}};
        logger.warn(
            "old clients without a key are let in",
            {{"setting", "CONTENT_SWARM_COMPAT_WORKSPACE"},
             {"workspace", ensured.workspace.name},
             {"endpoints", "/api/generate-content, /ws/stream-generation"},
             {"risk",
              "anyone who can reach these endpoints submits jobs (and spends model "
              "money) in this workspace as an editor; allow it only on a private network"}});
    }
    return legacy;
}

}  // namespace

core::Result<ServerAccess> prepare_access(const AccessConfig& config,
                                          const std::string& listen_host, ApiRuntime& api,
                                          http::JsonLogger& logger, std::FILE* out) {
    SWARM_TRY(check_access_config(config, listen_host));
    auto& store = api.access_store();
    SWARM_TRY_ASSIGN(const auto home, default_workspace(store));
    // A first start: no key stored yet (a new database, or one from before workspaces).
    SWARM_TRY_ASSIGN(const auto keys_before, store.list_keys(std::nullopt));
    if (keys_before.empty()) {
        logger.info("first start",
                    {{"workspace", home.name},
                     {"workspace_id", home.id.str()},
                     {"holds",
                      "everything stored before workspaces existed, and what keys of "
                      "this workspace store from now on"}});
    }
    if (config.owner_key) {
        SWARM_TRY(declare(api, home, *config.owner_key, core::access::Role::kOwner,
                          "CONTENT_SWARM_OWNER_KEY", logger));
    }
    if (config.metrics_key) {
        SWARM_TRY(declare(api, home, *config.metrics_key, core::access::Role::kMetrics,
                          "CONTENT_SWARM_METRICS_KEY", logger));
    }
    AuthenticatorOptions options;
    if (config.dev_no_auth) {
        options.anonymous = core::access::Principal{
            home.id, home.name, core::access::Role::kOwner, "dev", {}, {}, {}};
        logger.warn("AUTHENTICATION IS OFF",
                    {{"flag", "--dev-no-auth"},
                     {"workspace", home.name},
                     {"note",
                      "every request without a key acts as the owner of this workspace; "
                      "for development on this machine only"}});
    } else {
        SWARM_TRY_ASSIGN(const auto keys, store.list_keys(std::nullopt));
        if (keys.empty()) {  // no key at all, not even a declared one: make the owner's
            SWARM_TRY_ASSIGN(
                const auto issued,
                issue_key(store, KeyRequest{home.id, "first start", core::access::Role::kOwner,
                                            std::nullopt}));
            fmt::print(out,
                       "\ncontent-swarm: first start. Workspace \"{}\" holds this server's data "
                       "(and anything an older version stored).\nIts owner key, shown once "
                       "(only its digest is stored):\n\n    {}\n\nSend it as \"Authorization: "
                       "Bearer <key>\". Make more keys with `content-swarm admin create-key`.\n\n",
                       home.name, issued.key);
            std::fflush(out);
            logger.info("first start: owner key issued",
                        {{"workspace", home.name},
                         {"key", core::access::api_key_prefix(issued.record.id)},
                         {"shown", "once, on stderr"}});
        }
    }
    ServerAccess access;
    access.keys = std::make_unique<KeyAuthenticator>(store, api.clock(), std::move(options));
    access.sessions =
        std::make_unique<SessionAuthenticator>(api.people_store(), api.clock(), config.sessions);
    SWARM_TRY_ASSIGN(auto legacy, legacy_clients(config, store, logger));
    access.authenticator = std::make_unique<CredentialAuthenticator>(
        *access.keys, access.sessions.get(), std::move(legacy));
    access.security.auth = access.authenticator.get();
    access.security.allowed_hosts = config.allowed_hosts;
    if (access.security.allowed_hosts.empty() && is_loopback_host(listen_host)) {
        access.security.allowed_hosts = http::loopback_host_names();
    }
    for (auto& host : access.security.allowed_hosts) {
        host = core::text::ascii_lower(host);
    }
    return access;
}

}  // namespace swarm::app
