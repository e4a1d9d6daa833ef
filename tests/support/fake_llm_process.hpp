// Runs tools/fake-llm (build/fake-llm) as a child process for tests and benchmarks: the port comes
// from its {"msg":"listening","port":N} line; the destructor kills and reaps it.
#pragma once

#include "support/test_paths.hpp"

#include <cstdint>
#include <filesystem>
#include <string>
#include <sys/types.h>
#include <vector>

namespace swarm::test {

class FakeLlmProcess {
public:
    /// Starts fake-llm with `--script script` (any path) plus `extra_args`; port 0 until ready
    /// (waits up to 10 s).
    explicit FakeLlmProcess(const std::filesystem::path& script,
                            const std::vector<std::string>& extra_args = {});
    ~FakeLlmProcess();
    FakeLlmProcess(const FakeLlmProcess&) = delete;
    FakeLlmProcess& operator=(const FakeLlmProcess&) = delete;

    std::uint16_t port() const { return port_; }

    /// "http://127.0.0.1:PORT".
    std::string base_url() const;

    /// Sends `signal` and reaps the process: its exit code, -1 when a signal ended it.
    int stop(int signal);

private:
    TempDir dir_;
    pid_t pid_ = -1;
    std::uint16_t port_ = 0;
};

}  // namespace swarm::test
