// tools/fake-llm end to end: the real binary on 127.0.0.1 port 0 with a fixture script, spoken to
// over loopback HTTP; streams are checked as wire bytes (SSE text, event-stream frames + CRCs).
#include "llm/event_stream.hpp"
#include "support/fake_llm_process.hpp"
#include "support/http_client.hpp"
#include "support/test_paths.hpp"

#include <arpa/inet.h>
#include <array>
#include <csignal>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>
#include <utility>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace swarm::test {
namespace {

using nlohmann::json;
using Headers = std::map<std::string, std::string>;

/// A response read as raw bytes until its chunked body ends, the server closes, or `wait` passes
/// without a byte (then `timed_out`: the connection was still open).
struct RawReply {
    int status = 0;
    std::string head;
    std::string body;  // de-chunked
    bool complete = false;
    bool eof = false;
    bool timed_out = false;
};

/// Appends the complete chunks of `raw` (from `pos`) to `body`; true at the zero-size chunk.
bool dechunk(const std::string& raw, std::size_t& pos, std::string& body) {
    for (;;) {
        const auto eol = raw.find("\r\n", pos);
        if (eol == std::string::npos) {
            return false;
        }
        const auto size = std::stoul(raw.substr(pos, eol - pos), nullptr, 16);
        if (size == 0) {
            return true;
        }
        if (raw.size() < eol + 2 + size + 2) {
            return false;
        }
        body.append(raw, eol + 2, size);
        pos = eol + 2 + size + 2;
    }
}

RawReply exchange(std::uint16_t port, const std::string& target, const Headers& headers,
                  const json& body,
                  std::chrono::milliseconds wait = std::chrono::milliseconds(5000)) {
    RawReply reply;
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(port);
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    const auto request = format_request("POST", target, headers, body.dump());
    // NOLINTNEXTLINE(cppcoreguidelines-pro-type-reinterpret-cast): the sockets API
    if (::connect(fd, reinterpret_cast<const sockaddr*>(&addr), sizeof addr) == 0) {
        ::send(fd, request.data(), request.size(), MSG_NOSIGNAL);
    }  // else recv fails below: status 0
    std::string raw;
    std::size_t body_pos = std::string::npos;
    std::array<char, 16384> buf{};
    while (!reply.complete) {
        pollfd p{fd, POLLIN, 0};
        if (::poll(&p, 1, static_cast<int>(wait.count())) == 0) {
            reply.timed_out = true;
            break;
        }
        const auto n = ::recv(fd, buf.data(), buf.size(), 0);
        if (n <= 0) {
            reply.eof = true;
            break;
        }
        raw.append(buf.data(), static_cast<std::size_t>(n));
        const auto head_end = raw.find("\r\n\r\n");
        if (reply.head.empty() && head_end != std::string::npos) {
            body_pos = head_end + 4;
            reply.head = raw.substr(0, body_pos);
            reply.status = std::stoi(raw.substr(9, 3));
        }
        if (body_pos != std::string::npos) {
            reply.complete = dechunk(raw, body_pos, reply.body);
        }
    }
    ::close(fd);
    return reply;
}

struct SseEvent {
    std::string event;
    std::string data;
};

std::vector<SseEvent> parse_sse(const std::string& body) {
    std::vector<SseEvent> events;
    std::size_t pos = 0;
    for (auto end = body.find("\n\n"); end != std::string::npos; end = body.find("\n\n", pos)) {
        SseEvent ev;
        std::istringstream lines(body.substr(pos, end - pos));
        for (std::string line; std::getline(lines, line);) {
            if (line.rfind("event: ", 0) == 0) {
                ev.event = line.substr(7);
            } else if (line.rfind("data: ", 0) == 0) {
                ev.data = line.substr(6);
            }
        }
        events.push_back(ev);
        pos = end + 2;
    }
    EXPECT_EQ(pos, body.size()) << "bytes after the last complete event";
    return events;
}

json chat(const std::string& text, bool stream, const json& extra = json::object()) {
    json body{{"model", "gpt-4o-mini"},
              {"stream", stream},
              {"messages", {{{"role", "user"}, {"content", text}}}}};
    body.update(extra);
    return body;
}

json anthropic_body(const std::string& text) {
    return {{"model", "claude-3-5-haiku-latest"},
            {"max_tokens", 1000},
            {"stream", true},
            {"system", "You write posts."},
            {"messages", {{{"role", "user"}, {"content", text}}}}};
}

json bedrock_body(const std::string& text) {
    return {{"messages", {{{"role", "user"}, {"content", {{{"text", text}}}}}}}};
}

Headers anthropic_auth() {
    return {{"x-api-key", "sk-ant-test"}, {"anthropic-version", "2023-06-01"}};
}

Headers sigv4() {
    return {{"Authorization",
             "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20260101/us-east-1/bedrock/aws4_request, "
             "SignedHeaders=content-type;host;x-amz-date;x-amz-security-token, Signature=abc123"},
            {"x-amz-date", "20260101T000000Z"},
            {"x-amz-security-token", "session-token"}};
}

constexpr const char* kBedrockPath =
    "/model/anthropic.claude-3-haiku-20240307-v1%3A0/converse-stream";

Headers agent(const std::string& name, Headers headers = {}) {
    headers["X-Content-Swarm-Agent"] = name;
    return headers;
}

/// The OpenAI stream's text: content deltas of every chunk but [DONE]; checks each chunk's shape.
std::string openai_text(const std::vector<SseEvent>& events) {
    std::string text;
    for (const auto& ev : events) {
        if (ev.data == "[DONE]") {
            continue;
        }
        const auto chunk = json::parse(ev.data);
        EXPECT_EQ(chunk["object"], "chat.completion.chunk");
        if (!chunk["choices"].empty()) {
            text += chunk["choices"][0]["delta"].value("content", "");
        }
    }
    return text;
}

class FakeLlmTest : public ::testing::Test {
protected:
    void SetUp() override { ASSERT_NE(fake_.port(), 0) << "fake-llm did not report its port"; }

    std::uint16_t port() const { return fake_.port(); }

    HttpReply post(const std::string& target, const Headers& headers, const json& body) {
        return http_request(port(), "POST", target, headers, body.dump());
    }

    RawReply stream(const std::string& target, const Headers& headers, const json& body,
                    std::chrono::milliseconds wait = std::chrono::milliseconds(5000)) {
        return exchange(port(), target, headers, body, wait);
    }

    json requests() {
        const auto reply = http_request(port(), "GET", "/_fake/requests");
        EXPECT_EQ(reply.status, 200);
        return json::parse(reply.body);
    }

    FakeLlmProcess fake_{fixture("fake-llm/script.json")};
};

TEST_F(FakeLlmTest, OpenAiStreamIsWellFormedSseEndingInDoneWithUsage) {
    const auto reply =
        stream("/v1/chat/completions", agent("writer:linkedin"),
               chat("Write a post", true, {{"stream_options", {{"include_usage", true}}}}));
    ASSERT_EQ(reply.status, 200);
    EXPECT_NE(reply.head.find("text/event-stream"), std::string::npos);
    ASSERT_TRUE(reply.complete);
    const auto events = parse_sse(reply.body);
    ASSERT_GE(events.size(), 4U);
    EXPECT_EQ(events.back().data, "[DONE]");
    const auto first = json::parse(events.front().data);
    EXPECT_EQ(first["choices"][0]["delta"]["role"], "assistant");
    const auto finish = json::parse(events[events.size() - 3].data);
    EXPECT_EQ(finish["choices"][0]["finish_reason"], "stop");
    const auto usage = json::parse(events[events.size() - 2].data);
    EXPECT_TRUE(usage["choices"].empty());
    EXPECT_EQ(usage["usage"]["completion_tokens"], events.size() - 4);  // role, finish, usage, DONE
    EXPECT_GE(usage["usage"]["prompt_tokens"].get<int>(), 1);
    for (std::size_t i = 0; i + 1 < events.size(); ++i) {
        EXPECT_EQ(json::parse(events[i].data)["id"], first["id"]);
    }
    EXPECT_EQ(openai_text(events), read_file(fixture("fake-llm/linkedin_post.txt")));
}

TEST_F(FakeLlmTest, AgentMatchingHonoursTimesThenPrefixThenContainsThenDefault) {
    const auto text = [this](const std::string& who, const std::string& prompt) {
        const auto reply = post("/v1/chat/completions", agent(who), chat(prompt, false));
        EXPECT_EQ(reply.status, 200) << who;
        const auto body = json::parse(reply.body);
        EXPECT_EQ(body["object"], "chat.completion");
        return body["choices"][0]["message"]["content"].get<std::string>();
    };
    EXPECT_EQ(text("writer:linkedin", "x"), read_file(fixture("fake-llm/linkedin_post.txt")));
    EXPECT_EQ(text("writer:linkedin", "x"), "Any writer gets this.");  // times: 1 used up
    EXPECT_EQ(text("writer:x", "x"), "Any writer gets this.");
    EXPECT_EQ(text("editor", "Please Rewrite it"), "Rewritten, shorter.");
    EXPECT_EQ(text("editor", "nothing matches"), "Default reply.");
}

TEST_F(FakeLlmTest, AnthropicEventsComeInOrder) {
    const auto reply =
        stream("/v1/messages", agent("writer:x", anthropic_auth()), anthropic_body("hi"));
    ASSERT_EQ(reply.status, 200);
    ASSERT_TRUE(reply.complete);
    std::vector<std::string> names;
    std::string text;
    json delta_usage;
    for (const auto& ev : parse_sse(reply.body)) {
        const auto data = json::parse(ev.data);
        EXPECT_EQ(data["type"], ev.event);
        if (ev.event == "ping") {
            continue;
        }
        if (names.empty() || names.back() != ev.event) {
            names.push_back(ev.event);
        }
        if (ev.event == "message_start") {
            EXPECT_GE(data["message"]["usage"]["input_tokens"].get<int>(), 1);
        } else if (ev.event == "content_block_delta") {
            text += data["delta"]["text"].get<std::string>();
        } else if (ev.event == "message_delta") {
            delta_usage = data["usage"];
            EXPECT_EQ(data["delta"]["stop_reason"], "end_turn");
        }
    }
    EXPECT_EQ(names, (std::vector<std::string>{"message_start", "content_block_start",
                                               "content_block_delta", "content_block_stop",
                                               "message_delta", "message_stop"}));
    EXPECT_EQ(text, "Any writer gets this.");
    EXPECT_EQ(delta_usage["output_tokens"], 4);
}

TEST_F(FakeLlmTest, AnthropicForcedToolStreamsInputJsonDeltas) {
    auto body = anthropic_body("make a card");
    body["tools"] = {{{"name", "emit_card"}, {"input_schema", {{"type", "object"}}}}};
    body["tool_choice"] = {{"type", "tool"}, {"name", "emit_card"}};
    const auto reply = stream("/v1/messages", agent("tool", anthropic_auth()), body);
    ASSERT_TRUE(reply.complete);
    std::string partial;
    std::string stop_reason;
    for (const auto& ev : parse_sse(reply.body)) {
        const auto data = json::parse(ev.data);
        if (ev.event == "content_block_start") {
            EXPECT_EQ(data["content_block"]["type"], "tool_use");
            EXPECT_EQ(data["content_block"]["name"], "emit_card");
        } else if (ev.event == "content_block_delta") {
            EXPECT_EQ(data["delta"]["type"], "input_json_delta");
            partial += data["delta"]["partial_json"].get<std::string>();
        } else if (ev.event == "message_delta") {
            stop_reason = data["delta"]["stop_reason"];
        }
    }
    EXPECT_EQ(json::parse(partial), json({{"title", "Hello"}, {"points", {"a", "b"}}}));
    EXPECT_EQ(stop_reason, "tool_use");
}

/// Decodes a Bedrock body with the production decoder, one byte at a time.
std::vector<llm::EventStreamMessage> decode_frames(const std::string& body,
                                                   std::optional<core::Error>& error) {
    llm::EventStreamDecoder decoder;
    std::vector<llm::EventStreamMessage> messages;
    for (std::size_t i = 0; i < body.size() && !error; ++i) {
        error = decoder.feed(body.substr(i, 1), messages);
    }
    EXPECT_TRUE(error || decoder.idle()) << "bytes left after the last frame";
    return messages;
}

TEST_F(FakeLlmTest, BedrockFramesDecodeWithValidCrcs) {
    const auto reply = stream(kBedrockPath, agent("writer:x", sigv4()), bedrock_body("hello"));
    ASSERT_EQ(reply.status, 200);
    EXPECT_NE(reply.head.find("application/vnd.amazon.eventstream"), std::string::npos);
    ASSERT_TRUE(reply.complete);
    std::optional<core::Error> error;
    const auto frames = decode_frames(reply.body, error);
    ASSERT_FALSE(error) << error->message;
    std::vector<std::string> types;
    std::string text;
    for (const auto& frame : frames) {
        EXPECT_EQ(frame.string_header(":message-type"), "event");
        EXPECT_EQ(frame.string_header(":content-type"), "application/json");
        const auto type = std::string(frame.string_header(":event-type").value_or(""));
        const auto payload = json::parse(frame.payload);
        if (type == "contentBlockDelta") {
            text += payload["delta"]["text"].get<std::string>();
        } else if (type == "messageStop") {
            EXPECT_EQ(payload["stopReason"], "end_turn");
        } else if (type == "metadata") {
            EXPECT_EQ(payload["usage"]["outputTokens"], 4);
        }
        if (types.empty() || types.back() != type) {
            types.push_back(type);
        }
    }
    EXPECT_EQ(types, (std::vector<std::string>{"messageStart", "contentBlockDelta",
                                               "contentBlockStop", "messageStop", "metadata"}));
    EXPECT_EQ(text, "Any writer gets this.");
    const auto record = requests().back();
    EXPECT_EQ(record["provider"], "bedrock");
    EXPECT_EQ(record["model"], "anthropic.claude-3-haiku-20240307-v1:0");
    EXPECT_EQ(record["aws_security_token"], true);
}

TEST_F(FakeLlmTest, BedrockBadCrcFailsTheChecksumAfterTwoTokens) {
    const auto reply = stream(kBedrockPath, agent("fault:bad_crc", sigv4()), bedrock_body("x"));
    ASSERT_EQ(reply.status, 200);
    std::optional<core::Error> error;
    const auto frames = decode_frames(reply.body, error);
    ASSERT_TRUE(error.has_value());
    EXPECT_NE(error->message.find("crc"), std::string::npos) << error->message;
    ASSERT_EQ(frames.size(), 3U);  // messageStart and two deltas
    EXPECT_EQ(frames[2].string_header(":event-type"), "contentBlockDelta");
}

TEST_F(FakeLlmTest, ProvidersRefuseMissingCredentialsInTheirShapes) {
    const auto no_key =
        post("/v1/messages", {{"anthropic-version", "2023-06-01"}}, anthropic_body("x"));
    EXPECT_EQ(no_key.status, 401);
    EXPECT_EQ(json::parse(no_key.body)["error"]["type"], "authentication_error");
    const auto no_version = post("/v1/messages", {{"x-api-key", "k"}}, anthropic_body("x"));
    EXPECT_EQ(no_version.status, 400);
    EXPECT_EQ(json::parse(no_version.body)["type"], "error");
    EXPECT_EQ(json::parse(no_version.body)["error"]["type"], "invalid_request_error");
    const auto none = post(kBedrockPath, {}, bedrock_body("x"));
    EXPECT_EQ(none.status, 403);
    EXPECT_EQ(none.header("x-amzn-errortype").rfind("MissingAuthenticationTokenException", 0), 0U);
    EXPECT_TRUE(json::parse(none.body).contains("message"));
    auto wrong = sigv4();
    wrong["Authorization"] =
        "AWS4-HMAC-SHA256 Credential=AK/20260101/us-east-1/bedrock-runtime/"
        "aws4_request, SignedHeaders=host, Signature=abc";
    const auto scoped = post(kBedrockPath, wrong, bedrock_body("x"));
    EXPECT_EQ(scoped.status, 403);
    EXPECT_EQ(scoped.header("x-amzn-errortype").rfind("InvalidSignatureException", 0), 0U);
    const auto bearer =
        stream(kBedrockPath, {{"Authorization", "Bearer api-key"}}, bedrock_body("x"));
    EXPECT_EQ(bearer.status, 200);
    EXPECT_EQ(requests().back()["aws_security_token"], false);
}

TEST_F(FakeLlmTest, ErrorStatusesComeInEachProvidersShape) {
    const auto openai = post("/v1/chat/completions", agent("fault:429"), chat("x", true));
    EXPECT_EQ(openai.status, 429);
    EXPECT_EQ(openai.header("retry-after"), "2");
    EXPECT_EQ(openai.header("retry-after-ms"), "2000");
    EXPECT_EQ(json::parse(openai.body)["error"]["code"], "rate_limit_exceeded");
    const auto anthropic =
        post("/v1/messages", agent("fault:429", anthropic_auth()), anthropic_body("x"));
    EXPECT_EQ(anthropic.status, 429);
    EXPECT_EQ(anthropic.header("retry-after"), "2");
    EXPECT_EQ(json::parse(anthropic.body)["error"]["type"], "rate_limit_error");
    const auto quota = post("/v1/chat/completions", agent("fault:quota"), chat("x", false));
    EXPECT_EQ(quota.status, 429);
    EXPECT_EQ(json::parse(quota.body)["error"]["code"], "insufficient_quota");
    EXPECT_EQ(quota.header("retry-after"), "");
    // 529 twice (times: 2), then the entry is used up and the default answers.
    for (int i = 0; i < 2; ++i) {
        const auto reply =
            post("/v1/messages", agent("fault:529", anthropic_auth()), anthropic_body("x"));
        EXPECT_EQ(reply.status, 529) << i;
        EXPECT_EQ(json::parse(reply.body)["error"]["type"], "overloaded_error");
    }
    const auto third =
        stream("/v1/messages", agent("fault:529", anthropic_auth()), anthropic_body("x"));
    EXPECT_EQ(third.status, 200);
    EXPECT_TRUE(third.complete);
}

TEST_F(FakeLlmTest, DisconnectClosesAndStallHoldsAfterNTokens) {
    const auto reply = stream("/v1/chat/completions", agent("fault:disconnect"), chat("x", true));
    EXPECT_EQ(reply.status, 200);
    EXPECT_TRUE(reply.eof);
    EXPECT_FALSE(reply.complete);
    EXPECT_EQ(reply.body.find("[DONE]"), std::string::npos);
    EXPECT_EQ(openai_text(parse_sse(reply.body)), "one two three");
    // A stall keeps the connection open: the read times out instead of seeing the end.
    const auto stalled = stream("/v1/chat/completions", agent("fault:stall"), chat("x", true),
                                std::chrono::milliseconds(300));
    EXPECT_TRUE(stalled.timed_out);
    EXPECT_FALSE(stalled.eof);
    EXPECT_EQ(openai_text(parse_sse(stalled.body)), "one two");
}

TEST_F(FakeLlmTest, MalformedChunkAndMidStreamErrors) {
    const auto malformed =
        stream("/v1/chat/completions", agent("fault:malformed"), chat("x", true));
    const auto bad = malformed.body.find("data: {not json\n\n");
    ASSERT_NE(bad, std::string::npos);
    EXPECT_EQ(openai_text(parse_sse(malformed.body.substr(0, bad))), "one two");
    const auto openai = stream("/v1/chat/completions", agent("fault:mid"), chat("x", true));
    const auto events = parse_sse(openai.body);
    ASSERT_FALSE(events.empty());
    EXPECT_EQ(json::parse(events.back().data)["error"]["type"], "server_error");
    EXPECT_EQ(openai.body.find("[DONE]"), std::string::npos);
    const auto anthropic =
        stream("/v1/messages", agent("fault:mid", anthropic_auth()), anthropic_body("x"));
    const auto named = parse_sse(anthropic.body);
    ASSERT_FALSE(named.empty());
    EXPECT_EQ(named.back().event, "error");
    EXPECT_EQ(json::parse(named.back().data)["error"]["type"], "overloaded_error");
}

TEST_F(FakeLlmTest, OpenAiToolCallsAndLengthFinish) {
    json extra{{"tools", {{{"type", "function"}, {"function", {{"name", "emit_card"}}}}}}};
    const auto tool = stream("/v1/chat/completions", agent("tool"), chat("x", true, extra));
    const auto events = parse_sse(tool.body);
    ASSERT_GE(events.size(), 3U);
    std::string arguments;
    for (std::size_t i = 0; i + 2 < events.size(); ++i) {  // all but the finish chunk and [DONE]
        const auto call = json::parse(events[i].data)["choices"][0]["delta"]["tool_calls"][0];
        EXPECT_TRUE(i > 0 || call["function"]["name"] == "emit_card");
        arguments += call["function"]["arguments"].get<std::string>();
    }
    EXPECT_EQ(json::parse(arguments)["title"], "Hello");
    const auto finish = json::parse(events[events.size() - 2].data)["choices"][0];
    EXPECT_EQ(finish["finish_reason"], "tool_calls");
    const auto capped =
        post("/v1/chat/completions", agent("x"), chat("x", false, {{"max_tokens", 1}}));
    const auto body = json::parse(capped.body);
    EXPECT_EQ(body["choices"][0]["message"]["content"], "Default");
    EXPECT_EQ(body["choices"][0]["finish_reason"], "length");
}

TEST_F(FakeLlmTest, RequestsAreRecordedWithAgentHeadersAndStatus) {
    stream("/v1/chat/completions", agent("writer:linkedin", {{"Authorization", "Bearer sk-1"}}),
           chat("hello", true));
    post("/v1/chat/completions", agent("fault:500"), chat("x", false));
    const auto records = requests();
    ASSERT_EQ(records.size(), 2U);
    EXPECT_EQ(records[0]["agent"], "writer:linkedin");
    EXPECT_EQ(records[0]["provider"], "openai");
    EXPECT_EQ(records[0]["path"], "/v1/chat/completions");
    EXPECT_EQ(records[0]["headers"]["authorization"], "Bearer sk-1");
    EXPECT_EQ(records[0]["body"]["messages"][0]["content"], "hello");
    EXPECT_EQ(records[0]["status_sent"], 200);
    EXPECT_EQ(records[0]["reply"], "replies[0]");
    EXPECT_EQ(records[1]["status_sent"], 500);
    EXPECT_EQ(records[1]["fault"], "500");
    EXPECT_LT(records[0]["seq"], records[1]["seq"]);
}

TEST_F(FakeLlmTest, ScriptReplacementSequenceAndReset) {
    const auto script = read_file(fixture("fake-llm/in_order.json"));
    ASSERT_EQ(http_request(port(), "POST", "/_fake/script", {}, script).status, 200);
    const auto next = [this] {
        const auto reply = post("/v1/chat/completions", {}, chat("x", false));
        return reply.status == 200
                   ? json::parse(reply.body)["choices"][0]["message"]["content"].get<std::string>()
                   : std::to_string(reply.status);
    };
    EXPECT_EQ(next(), "First answer.");
    EXPECT_EQ(next(), "Second answer.");
    EXPECT_EQ(next(), "Second answer.");
    EXPECT_EQ(next(), "529");
    EXPECT_EQ(next(), "After the sequence.");
    ASSERT_EQ(http_request(port(), "POST", "/_fake/reset").status, 200);
    EXPECT_TRUE(requests().empty());
    EXPECT_EQ(next(), "First answer.");
    const auto bad =
        http_request(port(), "POST", "/_fake/script", {}, R"({"replies":[{"fault":"x"}]})");
    EXPECT_EQ(bad.status, 400);
    EXPECT_NE(json::parse(bad.body)["error"].get<std::string>().find("unknown fault"),
              std::string::npos);
}

TEST_F(FakeLlmTest, PacedStreamDeliversTokensInOrder) {
    const auto reply =
        stream("/v1/messages", agent("paced", anthropic_auth()), anthropic_body("x"));
    ASSERT_TRUE(reply.complete);
    std::vector<std::string> pieces;
    for (const auto& ev : parse_sse(reply.body)) {
        if (ev.event == "content_block_delta") {
            pieces.push_back(json::parse(ev.data)["delta"]["text"]);
        }
    }
    EXPECT_EQ(pieces, (std::vector<std::string>{"alpha", " beta", " gamma", " delta"}));
}

TEST_F(FakeLlmTest, HealthModelsAndUnknownPaths) {
    const auto health = http_request(port(), "GET", "/health");
    EXPECT_EQ(health.status, 200);
    EXPECT_EQ(json::parse(health.body), json({{"status", "ok"}}));
    const auto models = json::parse(http_request(port(), "GET", "/v1/models").body);
    EXPECT_EQ(models["object"], "list");
    std::vector<std::string> ids;
    for (const auto& m : models["data"]) {
        ids.push_back(m["id"]);
    }
    EXPECT_EQ(ids, (std::vector<std::string>{"claude-3-5-haiku-latest", "gpt-4o-mini"}));
    EXPECT_EQ(http_request(port(), "GET", "/nope").status, 404);
    EXPECT_EQ(http_request(port(), "POST", "/v1/chat/completions", {}, "{not json").status, 400);
    EXPECT_EQ(fake_.stop(SIGTERM), 0);
}

}  // namespace
}  // namespace swarm::test
