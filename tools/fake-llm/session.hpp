// Internals shared by the fake model server's listener (server.cpp) and its model endpoints
// (responder.cpp, stream_writer.cpp). Includes Beast: keep it out of every other file.
#pragma once

#include "provider.hpp"
#include "recorder.hpp"
#include "script.hpp"
#include "server.hpp"

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <boost/asio/awaitable.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>
#include <nlohmann/json.hpp>

namespace swarm::fake_llm::detail {

using Request = boost::beast::http::request<boost::beast::http::string_body>;
using Stream = boost::beast::tcp_stream;

struct Shared {
    const ServerOptions& options;
    ScriptBook& book;
    Recorder& recorder;
};

/// Writes a complete response; false when the write failed (the connection is then unusable).
boost::asio::awaitable<bool> write_answer(Stream& stream, const Shared& shared, HttpAnswer answer,
                                          unsigned version, bool keep_alive);

/// Answers one model request (OpenAI, Anthropic or Bedrock): checks, records, matches the script
/// and plays the reply. Returns whether the connection may serve another request.
boost::asio::awaitable<bool> serve_model(Stream& stream, const Shared& shared,
                                         const Request& request, Provider provider,
                                         std::string path_model);

/// The request's headers as a JSON object (lower-case names; repeated ones joined with ", ").
nlohmann::json header_json(const Request& req);

/// One header's value from header_json's object, "" when absent.
std::string header(const nlohmann::json& headers, const std::string& name);

/// Bedrock: a Bearer API key, or a SigV4 Authorization scoped to "bedrock" (shape only, the
/// signature is not verified); nullopt when acceptable, else the service's 403.
std::optional<HttpAnswer> check_bedrock(const nlohmann::json& headers);

/// The record of a model request (method, path, agent, provider, headers, parsed body).
RequestRecord make_record(const Request& req, Provider provider, const nlohmann::json& headers);

/// Answers with an error (or any complete answer that sends no tokens) and closes the record.
boost::asio::awaitable<bool> refuse(Stream& stream, const Shared& shared, std::uint64_t seq,
                                    const Request& req, HttpAnswer answer);

/// Answers one image request (OpenAI /images/generations or Bedrock /model/{id}/invoke for Nova
/// Canvas): checks, records, matches the script, answers with a real PNG or the fault.
boost::asio::awaitable<bool> serve_image(Stream& stream, const Shared& shared,
                                         const Request& request, Provider provider,
                                         std::string path_model);

/// GET /_fake/images/{seq}-{W}x{H}[-oversize].png (or .txt): the image an OpenAI URL answer
/// links to, made on request; recorded like a model request.
HttpAnswer image_download(const Shared& shared, const Request& request, std::string_view path);

/// What a streamed reply needs besides the encoder.
struct StreamPlan {
    std::vector<std::string> pieces;
    Fault fault;
    std::chrono::milliseconds ttft{0};
    double tokens_per_second = 0;
    Finish finish = Finish::kStop;
    Usage usage;  // output_tokens is filled in as pieces go out
};

/// Plays a streamed reply: head, begin, paced tokens, the fault if any, the end. Sets the record's
/// status and token count. Returns whether the connection may be kept.
boost::asio::awaitable<bool> play_stream(Stream& stream, const Shared& shared, std::uint64_t seq,
                                         StreamEncoder& encoder, StreamPlan plan, unsigned version,
                                         bool keep_alive);

/// The stall fault: holds the connection until the client closes it or the stall limit passes.
boost::asio::awaitable<void> hold_open(Stream& stream, const Shared& shared);

/// Waits on the connection's executor (pacing).
boost::asio::awaitable<void> sleep_until(Stream& stream, std::chrono::steady_clock::time_point t);

}  // namespace swarm::fake_llm::detail
