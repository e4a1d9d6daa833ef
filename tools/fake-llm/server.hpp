// The fake model server's HTTP side: a loopback listener, keep-alive sessions as coroutines with
// limits and timeouts, the provider endpoints and the /_fake control API. No Beast in this header.
#pragma once

#include "recorder.hpp"
#include "script.hpp"

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>

namespace swarm::fake_llm {

struct ServerOptions {
    std::string host = "127.0.0.1";
    std::uint16_t port = 0;  // 0: the system picks one; start() returns it
    int io_threads = 1;
    std::chrono::seconds header_timeout{10};  // from the first byte to the end of the headers
    std::chrono::seconds body_timeout{30};    // reading the body
    std::chrono::seconds idle_timeout{60};    // a keep-alive connection waiting for a request
    std::chrono::seconds write_timeout{30};   // each write (a client that stopped reading)
    std::chrono::seconds stall_limit{600};    // the "stall" fault gives up after this
    std::uint32_t header_limit = 64U * 1024U;
    std::uint64_t body_limit = 16U * 1024U * 1024U;  // larger bodies get 413
    std::filesystem::path script_dir;                // resolves text_file in POST /_fake/script
};

class FakeLlmServer {
public:
    FakeLlmServer(ServerOptions options, ScriptBook& book, Recorder& recorder);
    ~FakeLlmServer();
    FakeLlmServer(const FakeLlmServer&) = delete;
    FakeLlmServer& operator=(const FakeLlmServer&) = delete;

    /// Binds and listens; returns the port. Throws std::runtime_error when it cannot.
    std::uint16_t start();

    /// Serves until SIGTERM or SIGINT (open streams are cut: this is a test double).
    void run();

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace swarm::fake_llm
