// moto_server (the machine image's Python tools) as a child process for the S3 media tests: a
// free loopback port, readiness by polling, one bucket created, killed and reaped at the end.
// SWARM_REQUIRE_MOTO=1 (scripts/test sets it) turns a missing moto_server into failures.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <sys/types.h>

namespace swarm::test {

/// The moto_server executable: PATH first, then pyenv's shims; nullopt when absent.
std::optional<std::filesystem::path> find_moto_server();

/// Why the S3 cases cannot run here (the shared server's error), empty when moto answers. Under
/// SWARM_REQUIRE_MOTO=1 a non-empty answer is also recorded as a failure of the running test, so
/// the caller's GTEST_SKIP cannot hide it.
std::string moto_skip_reason();

class MotoServer {
public:
    /// Starts moto_server and creates `bucket`. Check error() before use.
    explicit MotoServer(const std::string& bucket);
    ~MotoServer();
    MotoServer(const MotoServer&) = delete;
    MotoServer& operator=(const MotoServer&) = delete;

    /// Empty when running; else why it could not start (absent, no answer, bucket refused).
    const std::string& error() const { return error_; }

    std::uint16_t port() const { return port_; }

    /// "http://127.0.0.1:PORT".
    std::string endpoint() const;

    /// Keys stored under `prefix` (ListObjectsV2), or nullopt when moto did not answer.
    std::optional<std::size_t> count_keys(const std::string& bucket, const std::string& prefix);

    /// The process's single instance with the test bucket, started on first use.
    static MotoServer& shared();

    static constexpr const char* kBucket = "swarm-media-test";

private:
    pid_t pid_ = -1;
    std::uint16_t port_ = 0;
    std::string error_;
};

}  // namespace swarm::test
