#include "cli/progress.hpp"

#include <algorithm>
#include <unistd.h>

#include <fmt/format.h>

namespace swarm::cli {
namespace {

std::string label(const core::JobEvent& e) {
    if (e.platform) {
        return fmt::format("{} ({})", e.agent, core::to_string(*e.platform));
    }
    return e.agent;
}

}  // namespace

ProgressDisplay::ProgressDisplay(std::FILE* out, bool quiet)
    : out_(out), tty_(::isatty(::fileno(out)) != 0), quiet_(quiet) {}

void ProgressDisplay::publish(core::JobEvent event) {
    const std::lock_guard lock(mutex_);
    if (quiet_ && event.type != core::EventType::kError) {
        return;
    }
    const char* green = tty_ ? "\033[32m" : "";
    const char* dim = tty_ ? "\033[2m" : "";
    const char* red = tty_ ? "\033[31m" : "";
    const char* reset = tty_ ? "\033[0m" : "";
    switch (event.type) {
        case core::EventType::kJobStarted:
            fmt::print(out_, "job {} started\n", event.message);
            break;
        case core::EventType::kAgentStarted:
            fmt::print(out_, "{}  ... {}{}\n", dim, label(event), reset);
            break;
        case core::EventType::kAgentProgress: {
            // Model text arrives in pieces with its own line breaks: one line per piece.
            std::string text = event.message;
            std::replace(text.begin(), text.end(), '\n', ' ');
            fmt::print(out_, "{}      {}: {}{}\n", dim, label(event), text, reset);
            break;
        }
        case core::EventType::kAgentFinished:
            fmt::print(out_, "{}  {} {}{} {}({} ms){}{}\n", green, tty_ ? "\u2713" : "ok", reset,
                       label(event), dim, event.elapsed.count(), reset,
                       event.message.empty() ? "" : ": " + event.message);
            break;
        case core::EventType::kItemReady:
        case core::EventType::kItemUpdated:
            fmt::print(out_, "  item ready: {}\n", event.message);
            break;
        case core::EventType::kJobFinished:
            fmt::print(out_, "job finished: {}\n", event.message);
            break;
        case core::EventType::kError:
            fmt::print(out_, "{}  error{} {}: {}\n", red, reset, label(event), event.message);
            break;
    }
    std::fflush(out_);
}

}  // namespace swarm::cli
