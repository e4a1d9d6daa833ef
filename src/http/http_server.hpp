// The HTTP server: a listener on HOST:PORT (port 0 allowed), N io threads, keep-alive sessions
// with timeouts and size limits, and graceful shutdown on SIGTERM/SIGINT. No Beast in this header.
#pragma once

#include "http/dispatcher.hpp"
#include "http/json_logger.hpp"
#include "http/system_handlers.hpp"

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <stop_token>
#include <string>

namespace swarm::http {

struct ServerOptions {
    std::string host = "127.0.0.1";
    std::uint16_t port = 8080;  // 0: the system picks one; start() reports it
    int io_threads = 0;         // network threads; 0: one per core
    // Handlers that wait on I/O run on bounded lanes (http/work_lane.hpp); 0 threads: the default.
    int storage_threads = 0;           // 0: one per core, at least 2
    std::size_t storage_queue = 1024;  // waiting beyond the running ones, then 503
    int media_threads = 0;             // 0: 8
    std::size_t media_queue = 32;
    std::chrono::seconds header_timeout{10};  // from accept (or first byte) to the end of headers
    std::chrono::seconds body_timeout{30};    // reading the body, and writing the response
    std::chrono::seconds idle_timeout{60};    // a keep-alive connection waiting for a request
    std::uint32_t header_limit = 16U * 1024U;
    std::uint64_t body_limit = std::uint64_t{1024} * 1024;  // larger bodies get 413
    std::chrono::milliseconds drain_deadline{25'000};
    std::chrono::milliseconds sse_heartbeat{15'000};  // ": heartbeat" on an idle event stream
    // Behind a proxy (nginx): the client's address is the last one in X-Forwarded-For, not the
    // socket's peer (the proxy). Only set when every request comes through the proxy.
    bool trust_proxy = false;
};

/// The options with the defaults (0 = derived from the cores) made explicit.
ServerOptions resolved(ServerOptions options);

/// Called once when draining starts, on its own thread; must return by `deadline` (or soon after
/// the stop token fires on a second signal). The app waits for running jobs here.
using DrainHook =
    std::function<void(std::chrono::steady_clock::time_point deadline, std::stop_token stop)>;

enum class StopReason { kDrained, kDeadline, kForced };

class HttpServer {
public:
    HttpServer(ServerOptions options, Dispatcher& dispatcher, Health& health, JsonLogger& logger,
               DrainHook drain = {});
    ~HttpServer();
    HttpServer(const HttpServer&) = delete;
    HttpServer& operator=(const HttpServer&) = delete;

    /// Binds, listens and installs the signal handlers; returns the bound "host:port".
    /// Throws std::runtime_error when the address is bad or taken.
    std::string start();

    /// Serves on the io threads (this one included) until shutdown has completed.
    StopReason run();

    /// Starts a graceful shutdown, as the first SIGTERM would. Thread-safe.
    void request_shutdown();

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace swarm::http
