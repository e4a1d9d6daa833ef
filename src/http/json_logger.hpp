// A tiny structured logger: one JSON object per line (time RFC 3339 UTC with ms, level, msg,
// version, instance_id, then the caller's fields). Thread-safe; the sink is injectable for tests.
// Synchronous by default (a line is written before the call returns). The server uses the
// asynchronous mode: callers only queue (the access line without building any JSON), one thread
// formats and writes in batches, and the destructor (or flush()) writes every queued line, so a
// shutdown loses none.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

namespace swarm::http {

/// The per-request line ("msg":"request"): info; error with `cause` for a 5xx other than 503;
/// warn for a 503 (info for /readyz's).
struct AccessLine {
    std::string request_id;
    std::string method;
    std::string route;
    int status = 0;
    double duration_ms = 0;
    std::string cause;  // a 5xx's cause, for the log only (never in the response body)
};

class JsonLogger {
public:
    /// Gets whole lines, each with its '\n': one per call when synchronous, possibly several
    /// (a batch) when asynchronous.
    using Sink = std::function<void(std::string_view lines)>;

    struct AsyncOptions {
        std::size_t max_queued = 65'536;  // beyond this, lines are counted and dropped (the
                                          // next batch says how many): never block a caller
    };

    /// Synchronous. `base` fields (version, instance_id) go on every line after time, level, msg.
    JsonLogger(nlohmann::json base, Sink sink);
    /// Asynchronous: a writer thread formats and writes.
    JsonLogger(nlohmann::json base, Sink sink, AsyncOptions async);
    ~JsonLogger();
    JsonLogger(const JsonLogger&) = delete;
    JsonLogger& operator=(const JsonLogger&) = delete;

    void info(std::string_view msg, const nlohmann::json& fields = nlohmann::json::object());
    void warn(std::string_view msg, const nlohmann::json& fields = nlohmann::json::object());
    void error(std::string_view msg, const nlohmann::json& fields = nlohmann::json::object());
    void access(AccessLine line);

    /// Returns once every line logged before the call is in the sink.
    void flush();

private:
    struct Entry {
        std::chrono::system_clock::time_point time;
        std::string_view level;  // a literal
        std::string msg;
        nlohmann::json fields;
        std::optional<AccessLine> access;
    };

    void submit(Entry entry);
    void format(const Entry& entry, std::string& out) const;
    void drain_loop();

    nlohmann::json base_;
    std::string base_text_;  // base_ as `,"k":v` pairs, formatted once
    Sink sink_;
    bool async_ = false;
    std::size_t max_queued_ = 0;
    std::mutex mutex_;  // guards the members below (and serialises sink_ when synchronous)
    std::condition_variable wake_;
    std::condition_variable written_;
    std::vector<Entry> queue_;
    std::size_t dropped_ = 0;
    std::uint64_t submitted_ = 0;  // entries accepted (or dropped) so far
    std::uint64_t done_ = 0;       // entries written (or dropped) so far
    bool stopping_ = false;
    bool flush_wanted_ = false;
    std::thread writer_;  // last: started once the rest exists
};

/// A sink writing to stdout with a flush per call.
JsonLogger::Sink stdout_sink();

/// "2026-11-28T19:21:38.123Z".
std::string rfc3339_utc_ms(std::chrono::system_clock::time_point when);

}  // namespace swarm::http
