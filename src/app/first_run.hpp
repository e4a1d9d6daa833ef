// The first run of a new server: while the people store has no account, `serve` holds a random
// token and prints a link with it ("/first-run#<token>": the fragment keeps it out of access logs
// and Referer headers). The page behind the link makes the first workspace, its owner and a
// session in one step (POST /api/v1/first-run), and the token is spent.
#pragma once

#include "core/ports/access_store.hpp"
#include "core/ports/people_store.hpp"
#include "core/result.hpp"
#include "crypto/sodium.hpp"
#include "http/handlers/first_run_handlers.hpp"
#include "http/json_logger.hpp"

#include <cstdio>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

namespace swarm::app {

/// Thread-safe.
class FirstRun final : public http::FirstRunSetup {
public:
    /// With a new random token when the people store has no account, else with none (the first
    /// run is over for good).
    static core::Result<std::unique_ptr<FirstRun>> prepare(
        core::PeopleStore& people, core::AccessStore& access,
        crypto::PasswordCost cost = crypto::PasswordCost::kInteractive);

    FirstRun(core::PeopleStore& people, core::AccessStore& access, crypto::PasswordCost cost,
             std::optional<std::string> token)
        : people_(people), access_(access), cost_(cost), token_(std::move(token)) {}

    core::Result<bool> needed() override;
    core::Result<http::FirstRunDone> complete(const http::FirstRunForm& form,
                                              const std::string& address,
                                              std::string_view user_agent) override;

    /// The link for a server listening on `listen` ("HOST:PORT", "[V6]:PORT"), or nullopt when
    /// no first run is waiting.
    std::optional<std::string> link(std::string_view listen) const;

private:
    /// Under mutex_: whether a token is held and the store still has no account (an account made
    /// meanwhile drops the token).
    core::Result<bool> still_needed();

    core::PeopleStore& people_;
    core::AccessStore& access_;
    crypto::PasswordCost cost_;
    mutable std::mutex mutex_;
    std::optional<std::string> token_;
};

/// "http://HOST:PORT/first-run#TOKEN"; an unspecified listen address (0.0.0.0, ::) becomes the
/// loopback one (127.0.0.1, [::1]).
std::string first_run_link(std::string_view listen, std::string_view token);

/// When a first run waits: the link on `out` (one line a person reads) and in the log.
void announce_first_run(const FirstRun& first_run, std::string_view listen,
                        http::JsonLogger& logger, std::FILE* out);

}  // namespace swarm::app
