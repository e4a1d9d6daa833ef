#include "http/json_logger.hpp"

#include <chrono>
#include <cstdio>

#include <fmt/format.h>

namespace swarm::http {

std::string rfc3339_utc_ms(std::chrono::system_clock::time_point when) {
    namespace chrono = std::chrono;
    const auto ms = chrono::floor<chrono::milliseconds>(when);
    const auto day = chrono::floor<chrono::days>(ms);
    const chrono::year_month_day ymd{day};
    const chrono::hh_mm_ss hms{ms - day};
    return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}Z", static_cast<int>(ymd.year()),
                       static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
                       hms.hours().count(), hms.minutes().count(), hms.seconds().count(),
                       hms.subseconds().count());
}

JsonLogger::JsonLogger(nlohmann::json base, Sink sink)
    : base_(std::move(base)), sink_(std::move(sink)) {}

void JsonLogger::info(std::string_view msg, const nlohmann::json& fields) {
    write("info", msg, fields);
}

void JsonLogger::warn(std::string_view msg, const nlohmann::json& fields) {
    write("warn", msg, fields);
}

void JsonLogger::error(std::string_view msg, const nlohmann::json& fields) {
    write("error", msg, fields);
}

void JsonLogger::write(std::string_view level, std::string_view msg, const nlohmann::json& fields) {
    // ordered_json keeps time, level and msg first, which is what people read.
    nlohmann::ordered_json line;
    line["time"] = rfc3339_utc_ms(std::chrono::system_clock::now());
    line["level"] = level;
    line["msg"] = msg;
    for (const auto& [key, value] : base_.items()) {
        line[key] = value;
    }
    for (const auto& [key, value] : fields.items()) {
        line[key] = value;
    }
    auto text = line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    text += '\n';
    const std::lock_guard lock(mutex_);
    sink_(text);
}

JsonLogger::Sink stdout_sink() {
    return [](std::string_view line) {
        std::fwrite(line.data(), 1, line.size(), stdout);
        std::fflush(stdout);
    };
}

}  // namespace swarm::http
