#include "http/json_logger.hpp"

#include <cstdio>

#include <fmt/format.h>

namespace swarm::http {
namespace {

constexpr auto kReplace = nlohmann::json::error_handler_t::replace;
constexpr std::chrono::milliseconds kLinger{5};
constexpr std::size_t kBatch = 1024;

/// Appends `text` as a JSON string; plain ASCII (the access line's usual fields) without a detour.
void append_json_string(std::string& out, std::string_view text) {
    for (const char c : text) {
        const auto u = static_cast<unsigned char>(c);
        if (u < 0x20 || u >= 0x7F || c == '"' || c == '\\') {
            out += nlohmann::json(std::string(text)).dump(-1, ' ', false, kReplace);
            return;
        }
    }
    out += '"';
    out += text;
    out += '"';
}

}  // namespace

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
    : base_(std::move(base)), sink_(std::move(sink)) {
    for (const auto& [key, value] : base_.items()) {
        base_text_ += ',';
        append_json_string(base_text_, key);
        base_text_ += ':';
        base_text_ += value.dump(-1, ' ', false, kReplace);
    }
}

JsonLogger::JsonLogger(nlohmann::json base, Sink sink, AsyncOptions async)
    : JsonLogger(std::move(base), std::move(sink)) {
    async_ = true;
    max_queued_ = std::max<std::size_t>(1, async.max_queued);
    writer_ = std::thread([this] { drain_loop(); });
}

JsonLogger::~JsonLogger() {
    if (!async_) {
        return;
    }
    {
        const std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_one();
    writer_.join();
}

void JsonLogger::info(std::string_view msg, const nlohmann::json& fields) {
    submit(Entry{std::chrono::system_clock::now(), "info", std::string(msg), fields, {}});
}

void JsonLogger::warn(std::string_view msg, const nlohmann::json& fields) {
    submit(Entry{std::chrono::system_clock::now(), "warn", std::string(msg), fields, {}});
}

void JsonLogger::error(std::string_view msg, const nlohmann::json& fields) {
    submit(Entry{std::chrono::system_clock::now(), "error", std::string(msg), fields, {}});
}

void JsonLogger::access(AccessLine line) {
    // 503 is an answer the server means (saturated, not ready, not configured): warn, and a
    // /readyz probe's answer stays info (readiness changes have their own lines). Other 5xx
    // are failures: error, with the cause.
    std::string_view level = "info";
    if (line.status == 503) {
        level = line.route == "/readyz" ? "info" : "warn";
    } else if (line.status >= 500) {
        level = "error";
    }
    submit(Entry{std::chrono::system_clock::now(), level, "request", nullptr, std::move(line)});
}

void JsonLogger::submit(Entry entry) {
    if (!async_) {
        std::string text;
        format(entry, text);
        const std::lock_guard lock(mutex_);
        sink_(text);
        return;
    }
    {
        const std::lock_guard lock(mutex_);
        ++submitted_;
        if (queue_.size() >= max_queued_) {
            ++dropped_;
            ++done_;
            return;
        }
        queue_.push_back(std::move(entry));
        if (queue_.size() != 1) {
            return;  // the writer has been woken for this batch already
        }
    }
    wake_.notify_one();
}

void JsonLogger::flush() {
    if (!async_) {
        return;
    }
    std::unique_lock lock(mutex_);
    const auto target = submitted_;
    flush_wanted_ = true;
    wake_.notify_one();
    written_.wait(lock, [this, target] { return done_ >= target; });
}

void JsonLogger::format(const Entry& entry, std::string& out) const {
    if (!entry.access) {
        // ordered_json keeps time, level and msg first, which is what people read.
        nlohmann::ordered_json line;
        line["time"] = rfc3339_utc_ms(entry.time);
        line["level"] = entry.level;
        line["msg"] = entry.msg;
        for (const auto& [key, value] : base_.items()) {
            line[key] = value;
        }
        for (const auto& [key, value] : entry.fields.items()) {
            line[key] = value;
        }
        out += line.dump(-1, ' ', false, kReplace);
        out += '\n';
        return;
    }
    const auto& a = *entry.access;
    out += R"({"time":")";
    out += rfc3339_utc_ms(entry.time);
    out += R"(","level":")";
    out += entry.level;
    out += R"(","msg":"request")";
    out += base_text_;
    out += R"(,"request_id":)";
    append_json_string(out, a.request_id);
    out += R"(,"method":)";
    append_json_string(out, a.method);
    out += R"(,"route":)";
    append_json_string(out, a.route);
    fmt::format_to(std::back_inserter(out), R"(,"status":{},"duration_ms":{:.3f})", a.status,
                   a.duration_ms);
    if (!a.cause.empty()) {
        out += R"(,"cause":)";
        append_json_string(out, a.cause);
    }
    out += "}\n";
}

void JsonLogger::drain_loop() {
    std::vector<Entry> batch;
    std::string text;
    std::unique_lock lock(mutex_);
    for (;;) {
        wake_.wait(lock, [this] { return stopping_ || !queue_.empty() || dropped_ > 0; });
        if (queue_.empty() && dropped_ == 0 && stopping_) {
            return;
        }
        // Lines arriving in the next few milliseconds join this batch: one write for many
        // requests under load, instead of a wake-up and a write per line.
        wake_.wait_for(lock, kLinger,
                       [this] { return stopping_ || flush_wanted_ || queue_.size() >= kBatch; });
        flush_wanted_ = false;
        batch.swap(queue_);
        const auto dropped = std::exchange(dropped_, 0);
        lock.unlock();
        text.clear();
        if (dropped > 0) {
            format(Entry{std::chrono::system_clock::now(),
                         "warn",
                         "log lines dropped",
                         {{"dropped", dropped}, {"queue_limit", max_queued_}},
                         {}},
                   text);
        }
        for (const auto& entry : batch) {
            format(entry, text);
        }
        sink_(text);
        const auto count = batch.size();
        batch.clear();
        lock.lock();
        done_ += count;
        written_.notify_all();
    }
}

JsonLogger::Sink stdout_sink() {
    return [](std::string_view lines) {
        std::fwrite(lines.data(), 1, lines.size(), stdout);
        std::fflush(stdout);
    };
}

}  // namespace swarm::http
