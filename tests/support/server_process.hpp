// Runs `content-swarm serve` as a child process for integration tests: stdout goes to a file the
// test reads (the "started" line gives the port), signals and exit are observed with timeouts.
#pragma once

#include "support/test_paths.hpp"

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <sys/types.h>
#include <vector>

#include <nlohmann/json.hpp>

namespace swarm::test {

class ServerProcess {
public:
    /// Starts build/content-swarm serve with `extra_args` (and --listen 127.0.0.1:0 unless they
    /// name --listen); stdout and stderr go to files.
    /// `command` is the subcommand: "serve" or "worker".
    explicit ServerProcess(const std::vector<std::string>& extra_args = {},
                           const std::string& command = "serve");
    ~ServerProcess();  // SIGKILL and reap if still running
    ServerProcess(const ServerProcess&) = delete;
    ServerProcess& operator=(const ServerProcess&) = delete;

    /// The port from the "started" line; 0 when it did not appear within 10 s.
    std::uint16_t port() const { return port_; }

    void send_signal(int signal) const;

    /// The exit code, or nullopt while still running after `timeout` (-1 if killed by a signal).
    std::optional<int> wait_exit(std::chrono::milliseconds timeout);

    /// Every stdout line that is a JSON object (the log); other lines, such as the first-run link,
    /// are left out (stdout_text() has them).
    std::vector<nlohmann::json> log_lines() const;

    /// Waits (bounded) for a log line whose "msg" is `msg`.
    /// Waits (bounded) for a log line whose "msg" is `msg`; false early when the process exits.
    bool wait_for_log(const std::string& msg, std::chrono::milliseconds timeout);

    std::string stderr_text() const;

    /// Everything the server wrote to stdout (its JSON log) so far.
    std::string stdout_text() const;

private:
    TempDir dir_;
    pid_t pid_ = -1;
    std::optional<int> exit_code_;
    std::uint16_t port_ = 0;
};

}  // namespace swarm::test
