#include "http/metrics.hpp"

#include <algorithm>
#include <array>

#include <fmt/format.h>

namespace swarm::http {

std::string escape_label(std::string_view value) {
    std::string out;
    for (const char c : value) {
        if (c == '\\' || c == '"') {
            out += '\\';
            out += c;
        } else if (c == '\n') {
            out += "\\n";
        } else {
            out += c;
        }
    }
    return out;
}

std::string_view method_label(std::string_view method) {
    static constexpr std::array<std::string_view, 7> kKnown{"GET",   "HEAD",   "POST",   "PUT",
                                                            "PATCH", "DELETE", "OPTIONS"};
    const auto* it = std::find(kKnown.begin(), kKnown.end(), method);
    return it == kKnown.end() ? kOtherMethod : *it;
}

Metrics::Metrics(Identity identity) : identity_(std::move(identity)) {}

void Metrics::observe_request(std::string_view route, std::string_view method, int status,
                              std::chrono::duration<double> duration) {
    // Only fixed labels: a client choosing methods must not choose how many series exist.
    const RequestKeyView key{route, method_label(method), status};
    const double seconds = duration.count();
    const std::lock_guard lock(mutex_);
    if (auto it = requests_.find(key); it != requests_.end()) {
        ++it->second;
    } else {
        requests_.emplace(RequestKey{std::string(route), key.method, status}, 1);
    }
    auto h_it = durations_.find(route);
    if (h_it == durations_.end()) {
        h_it = durations_.emplace(std::string(route), Histogram{}).first;
    }
    auto& h = h_it->second;
    for (std::size_t i = 0; i < kBuckets.size(); ++i) {
        if (seconds <= kBuckets[i]) {
            ++h.buckets[i];
        }
    }
    ++h.count;
    h.sum += seconds;
}

void Metrics::set_gauge(const std::string& name, const std::string& help, double value,
                        const std::string& labels) {
    const std::lock_guard lock(mutex_);
    auto& g = gauges_[name];
    g.help = help;
    g.values[labels] = value;
}

void Metrics::set_counter(const std::string& name, const std::string& help, double value,
                          const std::string& labels) {
    const std::lock_guard lock(mutex_);
    auto& g = gauges_[name];
    g.help = help;
    g.type = "counter";
    g.values[labels] = value;
}

std::string Metrics::render() const {
    std::string out;
    out += "# HELP content_swarm_build_info Build identity of the running binary.\n";
    out += "# TYPE content_swarm_build_info gauge\n";
    out += fmt::format("content_swarm_build_info{{version=\"{}\",git_sha=\"{}\"}} 1\n",
                       escape_label(identity_.version), escape_label(identity_.git_sha));
    out += "# HELP process_start_time_seconds Start time of the process since unix epoch.\n";
    out += "# TYPE process_start_time_seconds gauge\n";
    out += fmt::format("process_start_time_seconds {:.3f}\n", identity_.start_time_seconds);
    const std::lock_guard lock(mutex_);
    out += "# HELP content_swarm_http_requests_total HTTP requests answered.\n";
    out += "# TYPE content_swarm_http_requests_total counter\n";
    for (const auto& [key, n] : requests_) {
        out += fmt::format(
            "content_swarm_http_requests_total{{route=\"{}\",method=\"{}\",status=\"{}\"}} {}\n",
            escape_label(key.route), key.method, key.status, n);
    }
    out += "# HELP content_swarm_http_request_duration_seconds HTTP request latency.\n";
    out += "# TYPE content_swarm_http_request_duration_seconds histogram\n";
    constexpr std::string_view kName = "content_swarm_http_request_duration_seconds";
    for (const auto& [route, h] : durations_) {
        const auto labels = fmt::format(R"(route="{}")", escape_label(route));
        for (std::size_t i = 0; i < kBuckets.size(); ++i) {
            out += fmt::format("{}_bucket{{{},le=\"{}\"}} {}\n", kName, labels, kBuckets[i],
                               h.buckets[i]);
        }
        out += fmt::format("{}_bucket{{{},le=\"+Inf\"}} {}\n", kName, labels, h.count);
        out += fmt::format("{}_sum{{{}}} {}\n", kName, labels, h.sum);
        out += fmt::format("{}_count{{{}}} {}\n", kName, labels, h.count);
    }
    for (const auto& [name, g] : gauges_) {
        out += fmt::format("# HELP {} {}\n# TYPE {} {}\n", name, g.help, name, g.type);
        for (const auto& [labels, value] : g.values) {
            out += labels.empty() ? fmt::format("{} {}\n", name, value)
                                  : fmt::format("{}{{{}}} {}\n", name, labels, value);
        }
    }
    return out;
}

}  // namespace swarm::http
