// A small thread-safe metrics registry rendered as Prometheus text: HTTP request counters and a
// latency histogram, build info, process start time, and the gauges and counters app sets by name.
#pragma once

#include <array>
#include <chrono>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <tuple>

namespace swarm::http {

class Metrics {
public:
    struct Identity {
        std::string version;
        std::string git_sha;
        double start_time_seconds = 0;  // Unix time the process started
    };

    static constexpr std::array<double, 11> kBuckets{0.005, 0.01, 0.025, 0.05, 0.1, 0.25,
                                                     0.5,   1.0,  2.5,   5.0,  10.0};

    explicit Metrics(Identity identity);

    void observe_request(std::string_view route, std::string_view method, int status,
                         std::chrono::duration<double> duration);

    /// Sets gauge `name` (with an optional label set like `status="queued"`) to `value`.
    void set_gauge(const std::string& name, const std::string& help, double value,
                   const std::string& labels = {});

    /// Sets counter `name` (a monotonic total kept elsewhere) to `value`.
    void set_counter(const std::string& name, const std::string& help, double value,
                     const std::string& labels = {});

    /// The Prometheus text exposition (version 0.0.4).
    std::string render() const;

private:
    struct Histogram {
        std::array<std::uint64_t, kBuckets.size()> buckets{};
        std::uint64_t count = 0;
        double sum = 0;
    };

    struct Gauge {
        std::string help;
        std::string type = "gauge";            // or "counter"
        std::map<std::string, double> values;  // by label set
    };

    /// A request series: looked up by views (no allocation per request once the series exists),
    /// stored as strings; labels are escaped when rendered.
    struct RequestKey {
        std::string route;
        std::string_view method;  // one of method_label's constants
        int status = 0;
    };

    struct RequestKeyView {
        std::string_view route;
        std::string_view method;
        int status = 0;
    };

    struct RequestKeyLess {
        using is_transparent = void;

        template <class K>
        static std::tuple<std::string_view, std::string_view, int> view(const K& k) {
            return {k.route, k.method, k.status};
        }

        template <class A, class B>
        bool operator()(const A& a, const B& b) const {
            return view(a) < view(b);
        }
    };

    Identity identity_;
    mutable std::mutex mutex_;  // guards everything below
    std::map<RequestKey, std::uint64_t, RequestKeyLess> requests_;
    std::map<std::string, Histogram, std::less<>> durations_;  // by route
    std::map<std::string, Gauge> gauges_;
};

/// The `method` label of the request series: the method when it is one of GET HEAD POST PUT
/// PATCH DELETE OPTIONS, else "other" (any token is a valid method; the series must stay few).
inline constexpr std::string_view kOtherMethod = "other";
std::string_view method_label(std::string_view method);

/// Escapes a label value (backslash, double quote, newline).
std::string escape_label(std::string_view value);

}  // namespace swarm::http
