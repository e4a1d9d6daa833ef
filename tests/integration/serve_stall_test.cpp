// A media store that accepts connections and never answers (a "black hole" S3 endpoint) must not
// hold the server: it starts and says it is not ready (and why), 64 media requests waiting on the
// store leave /livez, /readyz and item reads answering, requests beyond the media lane's room get
// 503 with Retry-After at once, and SIGTERM still stops the process. Latencies are printed (the
// figures belong to scripts/bench; no timing is asserted here).
#include "codec/result_json.hpp"
#include "integration/workspace_seed.hpp"
#include "storage/sqlite/sqlite_content_store.hpp"
#include "storage/sqlite/sqlite_database.hpp"
#include "storage/sqlite/sqlite_job_store.hpp"
#include "support/fakes.hpp"
#include "support/http_client.hpp"
#include "support/local_http_server.hpp"
#include "support/server_process.hpp"

#include <algorithm>
#include <arpa/inet.h>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <future>
#include <iomanip>
#include <netinet/in.h>
#include <sstream>
#include <stdexcept>
#include <sys/socket.h>
#include <thread>
#include <unistd.h>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace swarm::test {
namespace {

/// Listens on 127.0.0.1 and never accepts: connections complete in the kernel's backlog and
/// requests are never answered.
class BlackHole {
public:
    BlackHole() { fd_ = listen_loopback(512, port_); }

    ~BlackHole() { ::close(fd_); }

    BlackHole(const BlackHole&) = delete;
    BlackHole& operator=(const BlackHole&) = delete;

    int port() const { return port_; }

private:
    int fd_ = -1;
    int port_ = 0;
};

void seed_item(const std::string& db_path) {
    FakeClock clock{std::chrono::sys_days{std::chrono::year{2026} / 1 / 1}};
    auto db = storage::SqliteDatabase::open(db_path);
    ASSERT_TRUE(db.has_value());
    storage::SqliteJobStore jobs(*db, clock);
    storage::SqliteContentStore content(*db, clock);
    const core::NewJob job{"job-stall", "{}", {core::Platform::kLinkedIn}, std::nullopt};
    const auto workspace = default_workspace(*db);
    ASSERT_TRUE(jobs.create(workspace, job));
    core::ContentItem post;
    post.id = "item-post";
    post.platform = core::Platform::kLinkedIn;
    post.body = "A post that is read while the media store hangs.";
    const core::NewItem row{post.id, post.platform, "draft", codec::encode_item(post).dump(),
                            0.5,     std::nullopt};
    ASSERT_TRUE(content.put_item(workspace, "job-stall", row));
}

struct Timed {
    int status = 0;
    double ms = 0;
};

Timed timed_get(std::uint16_t port, const std::string& target) {
    const auto t0 = std::chrono::steady_clock::now();
    const auto reply = http_request(port, "GET", target);
    const std::chrono::duration<double, std::milli> took = std::chrono::steady_clock::now() - t0;
    return {reply.status, took.count()};
}

double percentile(std::vector<double> values, double p) {
    std::sort(values.begin(), values.end());
    const auto at = static_cast<std::size_t>(p * static_cast<double>(values.size() - 1));
    return values.empty() ? 0 : values[at];
}

std::string media_id(int i) {
    std::ostringstream out;
    out << std::string(56, 'a') << std::hex << std::setw(8) << std::setfill('0') << i;
    return out.str();
}

TEST(ServeStall, ABlackHoleMediaStoreHoldsNeitherTheStartNorOtherRequests) {
    TempDir dir;
    const auto db_path = (dir.path() / "swarm.db").string();
    seed_item(db_path);
    // The media requests below name objects an item links, so they reach the (hung) store.
    std::vector<std::string> linked;
    for (int i = 0; i < 64; ++i) {
        linked.push_back(media_id(i));
    }
    link_media(db_path, linked);
    BlackHole hole;
    ::setenv("AWS_ACCESS_KEY_ID", "AKIDSTALL", 1);         // NOLINT(concurrency-mt-unsafe)
    ::setenv("AWS_SECRET_ACCESS_KEY", "stall-secret", 1);  // NOLINT(concurrency-mt-unsafe)
    ServerProcess server({"--db", "sqlite:" + db_path, "--media",
                          "s3://stall-bucket?region=us-east-1&endpoint=http://127.0.0.1:" +
                              std::to_string(hole.port()),
                          "--workers", "0", "--drain-seconds", "1"});
    ::unsetenv("AWS_ACCESS_KEY_ID");      // NOLINT(concurrency-mt-unsafe)
    ::unsetenv("AWS_SECRET_ACCESS_KEY");  // NOLINT(concurrency-mt-unsafe)
    ASSERT_NE(server.port(), 0) << "the server must start without the media store: "
                                << server.stderr_text();
    const auto port = server.port();

    // Not ready, with the reason, and /readyz answers while the check hangs.
    std::string reason;
    for (int i = 0; i < 100 && reason.empty(); ++i) {
        const auto ready = http_request(port, "GET", "/readyz");
        ASSERT_NE(ready.status, 0) << "/readyz must answer while the readiness check hangs";
        EXPECT_NE(ready.status, 200) << ready.body;
        const auto body = nlohmann::json::parse(ready.body);
        if (body.contains("reason") && body["reason"] !=
                                           "starting: the first readiness check "
                                           "has not answered yet") {
            reason = body["reason"];
        } else {
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
        }
    }
    EXPECT_FALSE(reason.empty()) << "no not-ready reason within 10 s";
    EXPECT_TRUE(server.wait_for_log("started", std::chrono::seconds(5)));

    // 64 media requests that the store will never answer.
    std::vector<std::future<HttpReply>> waiting;
    waiting.reserve(64);
    for (int i = 0; i < 64; ++i) {
        waiting.push_back(std::async(std::launch::async, [port, i] {
            return http_request(port, "GET", "/media/" + media_id(i));
        }));
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(300));  // let them reach the lanes
    std::vector<double> livez;
    std::vector<double> item;
    for (int i = 0; i < 100; ++i) {
        const auto a = timed_get(port, "/livez");
        const auto b = timed_get(port, "/api/v1/content/item-post");
        EXPECT_EQ(a.status, 200);
        EXPECT_EQ(b.status, 200);
        livez.push_back(a.ms);
        item.push_back(b.ms);
    }
    std::printf(
        "with 64 media requests stalled: /livez p50 %.2f ms p99 %.2f ms; item GET p50 "
        "%.2f ms p99 %.2f ms\n",  // NOLINT(cppcoreguidelines-pro-type-vararg)
        percentile(livez, 0.5), percentile(livez, 0.99), percentile(item, 0.5),
        percentile(item, 0.99));
    int saturated = 0;
    for (auto& f : waiting) {
        const auto reply = f.get();  // the stalled ones end at the client's 5 s timeout
        if (reply.status == 503) {
            ++saturated;
            EXPECT_FALSE(reply.header("retry-after").empty());
            EXPECT_EQ(nlohmann::json::parse(reply.body)["error"]["code"], "saturated");
        } else {
            EXPECT_EQ(reply.status, 0) << "a media request cannot succeed: " << reply.body;
        }
    }
    // The media lane holds 8 running and 32 waiting by default: the rest are refused at once.
    EXPECT_EQ(saturated, 64 - 40);
    EXPECT_TRUE(server.wait_for_log("not ready", std::chrono::seconds(15)));

    server.send_signal(SIGTERM);
    EXPECT_TRUE(server.wait_exit(std::chrono::seconds(40)).has_value())
        << "SIGTERM must stop a server whose media store hangs";
}

}  // namespace
}  // namespace swarm::test
