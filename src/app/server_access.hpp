// How `serve` lets people in: the first-start owner key, keys the operator declares in the
// environment, the loopback-only development mode, and the Host names browsers may use.
#pragma once

#include "app/key_authenticator.hpp"
#include "app/people.hpp"
#include "app/server_wiring.hpp"
#include "app/session_authenticator.hpp"
#include "app/workspace_settings.hpp"
#include "http/dispatcher.hpp"
#include "http/json_logger.hpp"

#include <cstdio>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace swarm::app {

struct AccessConfig {
    /// --dev-no-auth: requests without credentials act as the owner of workspace "default".
    /// Refused unless the server listens on a loopback address.
    bool dev_no_auth = false;
    /// CONTENT_SWARM_ALLOWED_HOSTS / --allowed-host: Host names (no port) API requests may name.
    /// Empty: the loopback names when listening on loopback, any name otherwise.
    std::vector<std::string> allowed_hosts;
    /// CONTENT_SWARM_OWNER_KEY / CONTENT_SWARM_METRICS_KEY: keys the operator chose (from a
    /// secret store), stored at start in workspace "default" unless stored already.
    std::optional<std::string> owner_key;
    std::optional<std::string> metrics_key;
    /// CONTENT_SWARM_SESSION_IDLE / CONTENT_SWARM_SESSION_MAX: when a person's session ends.
    SessionPolicy sessions;
    /// CONTENT_SWARM_SECURE_COOKIES=1: the session cookie is always Secure (it is anyway on
    /// requests a proxy marks X-Forwarded-Proto: https).
    bool secure_cookies = false;
    /// CONTENT_SWARM_TRUST_PROXY=1: the client address is X-Forwarded-For's last hop (behind
    /// nginx); it feeds sign-in throttling and the audit log.
    bool trust_proxy = false;
    /// CONTENT_SWARM_LIMIT_*: limits for workspaces that set none.
    LimitDefaults limits;
    /// CONTENT_SWARM_SECRET_KEY / CONTENT_SWARM_SECRET_KEY_FILE: seals workspace secrets.
    std::optional<std::string> secret_key;
    std::optional<std::string> secret_key_file;
    /// CONTENT_SWARM_COMPAT_WORKSPACE: the workspace whose editor old clients without any
    /// credential act as, on the old system's two endpoints only. Unset: they need a key.
    std::optional<std::string> compat_workspace;
};

/// True for 127.0.0.0/8, ::1 and "localhost".
bool is_loopback_host(const std::string& host);

/// The checks of the access settings against where the server listens: kInvalidArgument naming
/// --dev-no-auth when development mode is asked for on a non-loopback address.
core::Result<void> check_access_config(const AccessConfig& config, const std::string& listen_host);

/// What the dispatcher checks: the authenticator and the allowed Host names.
struct ServerAccess {
    std::unique_ptr<KeyAuthenticator> keys;
    std::unique_ptr<SessionAuthenticator> sessions;
    std::unique_ptr<CredentialAuthenticator> authenticator;
    http::RequestSecurity security;
};

/// Stores the declared keys, and on a first start (no key stored at all, development mode off)
/// issues an owner key for workspace "default" and writes it to `out` once, with how to use it.
core::Result<ServerAccess> prepare_access(const AccessConfig& config,
                                          const std::string& listen_host, ApiRuntime& api,
                                          http::JsonLogger& logger, std::FILE* out);

}  // namespace swarm::app
