#include "http/metrics.hpp"

#include "http/json_logger.hpp"

#include <gtest/gtest.h>

namespace swarm::http {
namespace {

TEST(Metrics, RendersCountersHistogramAndBuildInfo) {
    Metrics m({"1.0.0", "deadbeef", 1700000000.5});
    m.observe_request("/livez", "GET", 200, std::chrono::milliseconds(3));
    m.observe_request("/livez", "GET", 200, std::chrono::milliseconds(30));
    m.observe_request("unmatched", "GET", 404, std::chrono::milliseconds(1));
    const auto text = m.render();
    EXPECT_NE(text.find("content_swarm_build_info{version=\"1.0.0\",git_sha=\"deadbeef\"} 1\n"),
              std::string::npos);
    EXPECT_NE(text.find("process_start_time_seconds 1700000000.500\n"), std::string::npos);
    EXPECT_NE(text.find("# TYPE content_swarm_http_requests_total counter\n"), std::string::npos);
    EXPECT_NE(
        text.find(
            "content_swarm_http_requests_total{route=\"/livez\",method=\"GET\",status=\"200\"} "
            "2\n"),
        std::string::npos);
    const std::string bucket =
        "content_swarm_http_request_duration_seconds_bucket{route=\"/livez\",";
    EXPECT_NE(text.find(bucket + "le=\"0.005\"} 1\n"), std::string::npos);
    EXPECT_NE(text.find(bucket + "le=\"0.05\"} 2\n"), std::string::npos);
    EXPECT_NE(text.find(bucket + "le=\"+Inf\"} 2\n"), std::string::npos);
    EXPECT_NE(text.find("content_swarm_http_request_duration_seconds_count{route=\"/livez\"} 2\n"),
              std::string::npos);
}

TEST(Metrics, GaugesAndLabelEscaping) {
    Metrics m({"1", "x", 0});
    m.set_gauge("content_swarm_jobs", "Jobs by status.", 3, "status=\"queued\"");
    m.set_gauge("content_swarm_queue_depth", "Queued jobs.", 5);
    const auto text = m.render();
    EXPECT_NE(text.find("# TYPE content_swarm_jobs gauge\n"), std::string::npos);
    EXPECT_NE(text.find("content_swarm_jobs{status=\"queued\"} 3\n"), std::string::npos);
    EXPECT_NE(text.find("content_swarm_queue_depth 5\n"), std::string::npos);
    EXPECT_EQ(escape_label("a\"b\\c\nd"), "a\\\"b\\\\c\\nd");
}

TEST(JsonLogger, FormatsRfc3339WithMilliseconds) {
    using namespace std::chrono;
    const sys_days day = year{2026} / 1 / 2;
    EXPECT_EQ(rfc3339_utc_ms(day + hours(3) + minutes(4) + seconds(5) + milliseconds(67)),
              "2026-01-02T03:04:05.067Z");
}

}  // namespace
}  // namespace swarm::http
