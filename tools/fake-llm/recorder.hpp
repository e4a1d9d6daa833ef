// The requests the fake model server has seen, for GET /_fake/requests (bounded, oldest dropped),
// and the optional --log file of one JSON line per answered request.
#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <string>

#include <nlohmann/json.hpp>

namespace swarm::fake_llm {

struct RequestRecord {
    std::uint64_t seq = 0;  // set by Recorder::add: 1, 2, ... (never reused, also not by clear())
    std::string method;
    std::string path;
    std::string agent;     // X-Content-Swarm-Agent, "" when absent
    std::string provider;  // openai | anthropic | bedrock
    std::string model;
    nlohmann::json headers = nlohmann::json::object();  // lower-case names
    nlohmann::json body;  // parsed JSON, or the raw text when it is not JSON
    int status_sent = 0;  // 0: no status line was sent (disconnect, stall before the head)
    std::string fault;    // the scripted fault's name, "" when none
    std::string reply;    // which script entry answered ("replies[2]", "defaults", ...)
    std::size_t tokens_sent = 0;
    bool aws_security_token = false;  // x-amz-security-token came (Bedrock)
};

/// Thread-safe: sessions on several io threads add and update records.
class Recorder {
public:
    static constexpr std::size_t kMaxRecords = 10'000;

    /// `log_file` empty: no log. Throws std::runtime_error when it cannot be opened.
    explicit Recorder(const std::filesystem::path& log_file = {});

    /// Stores the record and returns its seq.
    std::uint64_t add(RequestRecord record);

    /// What was decided for the request (the plan) and, later, what was sent.
    void set_reply(std::uint64_t seq, const std::string& reply, const std::string& model,
                   const std::string& fault);
    void set_status(std::uint64_t seq, int status);
    /// The response is over: counts the tokens and writes the log line.
    void finish(std::uint64_t seq, std::size_t tokens_sent);

    nlohmann::json to_json() const;
    void clear();

private:
    RequestRecord* find(std::uint64_t seq);  // mutex_ held

    mutable std::mutex mutex_;  // guards everything below
    std::deque<RequestRecord> records_;
    std::uint64_t next_seq_ = 1;
    std::ofstream log_;
};

}  // namespace swarm::fake_llm
