// The old system's API on the real server: POST /api/generate-content in the old shape (and its
// 400/404 answers) and the /ws/stream-generation WebSocket with the old message types, in order.
#include "support/http_client.hpp"
#include "support/server_process.hpp"
#include "support/test_paths.hpp"
#include "support/ws_client.hpp"

#include <memory>
#include <set>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace swarm::test {
namespace {

using nlohmann::json;

const std::map<std::string, std::string> kJson{{"Content-Type", "application/json"}};

std::string sample_prompt() {
    return json::parse(read_file(source_dir() / "examples" / "brief-fieldnote.json"))["prompt"];
}

json old_request(json platforms) {
    return {{"user_id", "3f2b7c1e-0000-4000-8000-000000000001"},
            {"prompt", sample_prompt()},
            {"platforms", std::move(platforms)}};
}

/// POST with a close-delimited body: reads until the server closes (bounded by the timeout).
HttpReply post_until_close(std::uint16_t port, const std::string& target, const json& body) {
    HttpConnection conn(port, std::chrono::seconds(60));
    HttpReply reply;
    if (!conn.send_raw(format_request("POST", target, with_test_authorization(port, target, kJson),
                                      body.dump()))) {
        return reply;
    }
    std::string raw;
    for (int i = 0; i < 10000; ++i) {
        auto bytes = conn.read_some();
        if (!bytes) {
            break;
        }
        raw += *bytes;
    }
    const auto split = raw.find("\r\n\r\n");
    if (raw.rfind("HTTP/1.1 ", 0) != 0 || split == std::string::npos) {
        return reply;
    }
    reply.status = std::stoi(raw.substr(9, 3));
    reply.body = raw.substr(split + 4);
    return reply;
}

class CompatTest : public ::testing::Test {
protected:
    void SetUp() override {
        server_ = std::make_unique<ServerProcess>(std::vector<std::string>{
            "--db", "sqlite:" + (dir_.path() / "db.sqlite").string(), "--kb",
            (source_dir() / "examples" / "kb-fieldnote").string()});
        ASSERT_NE(server_->port(), 0) << server_->stderr_text();
    }

    TempDir dir_;
    std::unique_ptr<ServerProcess> server_;
};

TEST_F(CompatTest, GenerateContentWaitsAndAnswersInTheOldShape) {
    const auto reply = post_until_close(server_->port(), "/api/generate-content",
                                        old_request({"linkedin", "x", "pitch_deck"}));
    ASSERT_EQ(reply.status, 200) << reply.body;
    const auto body = json::parse(reply.body);
    ASSERT_EQ(body["content_items"].size(), 3U) << body.dump(2);
    EXPECT_EQ(body["completeness_score"], 1);
    EXPECT_EQ(body["missing_platforms"], json::array());
    EXPECT_EQ(body["status"], "succeeded");
    EXPECT_FALSE(body["job_id"].get<std::string>().empty());
    std::set<std::string> platforms;
    for (const auto& item : body["content_items"]) {
        platforms.insert(item["platform"].get<std::string>());
        EXPECT_FALSE(item["content"].get<std::string>().empty()) << item.dump();
        EXPECT_TRUE(item["hashtags"].is_array());
        EXPECT_TRUE(item["media_urls"].is_array());
        EXPECT_GT(item["metadata"]["word_count"].get<int>(), 0);
    }
    EXPECT_EQ(platforms, (std::set<std::string>{"linkedin", "twitter", "pitch_deck"}));
}

TEST_F(CompatTest, GenerateContentRejectsBadInput) {
    const auto port = server_->port();
    auto reply = http_request(port, "POST", "/api/generate-content", kJson,
                              old_request({"linkedin", "tiktok"}).dump());
    ASSERT_EQ(reply.status, 400) << reply.body;
    EXPECT_EQ(json::parse(reply.body)["error"]["field"], "platforms[1]");

    auto unknown_brand = old_request({"linkedin"});
    unknown_brand["brand_profile_id"] = "no-such-profile";
    reply = http_request(port, "POST", "/api/generate-content", kJson, unknown_brand.dump());
    ASSERT_EQ(reply.status, 404) << reply.body;
    EXPECT_EQ(json::parse(reply.body)["error"]["field"], "brand_profile_id");

    auto no_user = old_request({"linkedin"});
    no_user.erase("user_id");
    reply = http_request(port, "POST", "/api/generate-content", kJson, no_user.dump());
    ASSERT_EQ(reply.status, 400) << reply.body;
    EXPECT_EQ(json::parse(reply.body)["error"]["field"], "user_id");
}

TEST_F(CompatTest, WebSocketStreamsTheOldMessagesInOrder) {
    WsClient ws(server_->port(), "/ws/stream-generation");
    ASSERT_TRUE(ws.open());
    const auto hello = ws.read_text();
    ASSERT_TRUE(hello);
    EXPECT_EQ(json::parse(*hello)["type"], "connected");
    EXPECT_FALSE(json::parse(*hello)["client_id"].get<std::string>().empty());

    // Bad JSON: an error message, and the connection stays usable.
    ASSERT_TRUE(ws.send_text("{not json"));
    const auto error = ws.read_text();
    ASSERT_TRUE(error);
    EXPECT_EQ(json::parse(*error)["type"], "error");
    EXPECT_EQ(json::parse(*error)["error"]["field"], "body");

    ASSERT_TRUE(ws.send_text(old_request({"linkedin", "twitter", "pitch_deck"}).dump()));
    std::vector<json> messages;
    for (int i = 0; i < 5000; ++i) {
        auto text = ws.read_text();
        if (!text) {
            break;  // the server closes after "complete"
        }
        messages.push_back(json::parse(*text));
    }
    ASSERT_FALSE(messages.empty());
    EXPECT_EQ(messages.front()["type"], "agent_start");
    int generated = 0;
    for (std::size_t i = 0; i + 1 < messages.size(); ++i) {
        const auto type = messages[i]["type"].get<std::string>();
        EXPECT_NE(type, "complete") << "complete must come last";
        EXPECT_NE(type, "error") << messages[i].dump();
        if (type == "content_generated") {
            ++generated;
            EXPECT_FALSE(messages[i]["content"].get<std::string>().empty());
        }
    }
    EXPECT_EQ(generated, 3);
    const auto& complete = messages.back();
    EXPECT_EQ(complete["type"], "complete");
    EXPECT_EQ(complete["completeness_score"], 1);
    EXPECT_EQ(complete["missing_platforms"], json::array());
    EXPECT_EQ(complete["status"], "succeeded");
}

TEST_F(CompatTest, WebSocketUpgradeFromAnotherSiteIsRefused) {
    const auto upgrade = [this](const std::string& origin) {
        HttpConnection conn(server_->port());
        const std::string host = "127.0.0.1:" + std::to_string(server_->port());
        EXPECT_TRUE(conn.send_raw(
            "GET /ws/stream-generation HTTP/1.1\r\nHost: " + host +
            "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n"
            "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nAuthorization: " +
            test_authorization("/ws") + "\r\nOrigin: " + origin + "\r\n\r\n"));
        std::string head;
        while (head.find("\r\n\r\n") == std::string::npos) {
            auto more = conn.read_some();
            if (!more) {
                break;
            }
            head += *more;
        }
        return head;
    };
    const auto evil = upgrade("https://evil.example");
    EXPECT_EQ(evil.rfind("HTTP/1.1 403", 0), 0U) << evil;
    const auto same = upgrade("http://127.0.0.1:" + std::to_string(server_->port()));
    EXPECT_EQ(same.rfind("HTTP/1.1 101", 0), 0U) << same;
}

}  // namespace
}  // namespace swarm::test
