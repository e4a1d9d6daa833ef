// http::Authenticator for API keys ("Authorization: Bearer csk_..."): checked against the
// database, remembered for a moment so answers from memory need no query, last use recorded at
// most once a minute per key (a write per request would cost every request a transaction).
#pragma once

#include "core/access/principal.hpp"
#include "core/ports/access_store.hpp"
#include "core/ports/clock.hpp"
#include "http/access.hpp"

#include <chrono>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

namespace swarm::app {

struct AuthenticatorOptions {
    /// How long a key checked against the database is trusted from memory alone: a revocation
    /// (by `admin revoke-key` or another replica) reaches answers from memory within this.
    std::chrono::milliseconds trust_for{1000};
    /// last_used_at is written at most this often per key.
    std::chrono::seconds touch_every{60};
    /// Loopback development mode only: requests without credentials act as this principal.
    std::optional<core::access::Principal> anonymous;
};

/// Thread-safe.
class KeyAuthenticator final : public http::Authenticator {
public:
    KeyAuthenticator(core::AccessStore& store, const core::Clock& clock,
                     AuthenticatorOptions options)
        : store_(store), clock_(clock), options_(std::move(options)) {}

    core::Result<core::access::Principal> authenticate(const http::Request& request) override;
    std::optional<core::access::Principal> authenticate_cached(
        const http::Request& request) override;

private:
    struct Entry {
        core::access::Principal principal;
        std::optional<core::Timestamp> expires_at;
        std::chrono::steady_clock::time_point checked_at;
        std::chrono::steady_clock::time_point touched_at;
    };

    core::AccessStore& store_;
    const core::Clock& clock_;
    AuthenticatorOptions options_;
    std::mutex mutex_;
    std::unordered_map<std::string, Entry> checked_;  // by the key's digest
};

/// The key of "Authorization: Bearer <key>": nullopt when there is no Authorization header;
/// kUnauthenticated for another scheme or an empty credential.
core::Result<std::optional<std::string>> bearer_token(const http::Request& request);

}  // namespace swarm::app
