// A tiny structured logger: one JSON object per line (time RFC 3339 UTC with ms, level, msg,
// version, instance_id, then the caller's fields). Thread-safe; the sink is injectable for tests.
#pragma once

#include <functional>
#include <mutex>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace swarm::http {

class JsonLogger {
public:
    using Sink = std::function<void(std::string_view line)>;  // gets a line with its '\n'

    /// `base` fields (version, instance_id) go on every line after time, level and msg.
    JsonLogger(nlohmann::json base, Sink sink);

    void info(std::string_view msg, const nlohmann::json& fields = nlohmann::json::object());
    void warn(std::string_view msg, const nlohmann::json& fields = nlohmann::json::object());
    void error(std::string_view msg, const nlohmann::json& fields = nlohmann::json::object());

private:
    void write(std::string_view level, std::string_view msg, const nlohmann::json& fields);

    nlohmann::json base_;
    Sink sink_;
    std::mutex mutex_;  // one line at a time
};

/// A sink writing to stdout with a flush per line.
JsonLogger::Sink stdout_sink();

/// "2026-11-28T19:21:38.123Z".
std::string rfc3339_utc_ms(std::chrono::system_clock::time_point when);

}  // namespace swarm::http
