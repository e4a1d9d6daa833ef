// The fake model server's script: which reply (text, pacing, fault) each request gets, parsed from
// the JSON file or POST /_fake/script, and the thread-safe book that matches requests and counts
// uses.
#pragma once

#include <chrono>
#include <cstddef>
#include <filesystem>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>
#include <tl/expected.hpp>

namespace swarm::fake_llm {

enum class Provider { kOpenAi, kAnthropic, kBedrock };

std::string_view provider_name(Provider provider);

enum class FaultKind {
    kNone,
    kStatus,             // an HTTP error status in the provider's shape (429, 500, 529, 401, ...)
    kInsufficientQuota,  // OpenAI 429 insufficient_quota, Anthropic 402 billing_error
    kDisconnect,         // close the connection after N tokens
    kMalformedChunk,     // a "data: {not json" event after N tokens
    kBadCrc,             // Bedrock: a frame with a corrupted message CRC (others: malformed)
    kStall,              // stop after N tokens, keep the connection open
    kMidStreamError,     // the provider's in-stream error event after N tokens
    // Image requests only (an entry with one of these never matches a text request):
    kMalformedBase64,  // the image payload is not valid base64
    kNotImage,         // valid base64 (or a download) of bytes that are not an image
    kOversize,         // a real PNG padded past 20 MiB
    kContentFilter,    // Nova: 200 with "error"; OpenAI: 400 content_policy_violation
};

/// True for the faults above that only image requests can get.
bool is_image_fault(FaultKind kind);

struct Fault {
    FaultKind kind = FaultKind::kNone;
    int status = 0;    // kStatus only
    std::string name;  // as written in the script ("429", "stall", ...)
    std::size_t after_tokens = 0;
    std::optional<double> retry_after_s;  // 429 headers; nullopt: none sent
};

/// One script entry: conditions (all optional) and the reply.
struct ReplySpec {
    std::optional<std::string> agent;     // exact, "prefix*" or "*"
    std::optional<std::string> contains;  // substring of the prompt text
    std::optional<std::string> provider;  // "openai" | "anthropic" | "bedrock"
    std::optional<std::string> model;     // exact, "prefix*" or "*"
    std::optional<std::string> kind;      // "text" | "image"
    std::optional<std::string> text;      // nullopt: defaults.text
    Fault fault;
    std::optional<std::chrono::milliseconds> ttft;
    std::optional<double> tokens_per_second;
    bool finish_length = false;           // "finish": "length"
    bool tool_calls = false;              // OpenAI: answer with tool_calls deltas
    std::optional<std::string> image_as;  // OpenAI images: "url" | "b64_json" (else as asked)
    std::optional<std::size_t> times;     // nullopt: unlimited
};

struct ScriptDefaults {
    std::chrono::milliseconds ttft{0};
    double tokens_per_second = 0;
    std::string text = "Default reply.";
};

struct Script {
    ScriptDefaults defaults;
    std::vector<ReplySpec> sequence;  // consumed strictly in order before `replies`
    std::vector<ReplySpec> replies;
    std::vector<std::string> models;  // GET /v1/models (plus every exact "model" condition)
};

/// Parses a script; `base_dir` resolves "text_file" paths. The error names the bad field.
tl::expected<Script, std::string> parse_script(const nlohmann::json& root,
                                               const std::filesystem::path& base_dir);

/// Reads and parses a script file (text_file paths relative to its folder).
tl::expected<Script, std::string> load_script(const std::filesystem::path& file);

/// What one request is answered with.
struct Plan {
    std::string text;
    Fault fault;
    std::chrono::milliseconds ttft{0};
    double tokens_per_second = 0;
    bool finish_length = false;
    bool tool_calls = false;
    std::optional<std::string> image_as;
    std::string source;  // "sequence[0]", "replies[2]" or "defaults" (logs)
};

struct MatchInput {
    Provider provider;
    std::string_view agent;
    std::string_view model;
    std::string_view prompt;
    std::string_view kind = "text";  // "image" for image generation requests
};

/// Command-line pacing that wins over the script's defaults (kept across POST /_fake/script).
struct PacingOverride {
    std::optional<std::chrono::milliseconds> ttft;
    std::optional<double> tokens_per_second;
};

/// The current script and its use counters; every member is safe to call from any thread.
class ScriptBook {
public:
    ScriptBook(Script script, PacingOverride pacing);

    Plan choose(const MatchInput& input);
    void replace(Script script);
    void reset_counters();
    std::vector<std::string> models() const;

private:
    Plan plan_for(const ReplySpec& spec, std::string source) const;

    mutable std::mutex mutex_;  // guards everything below
    Script script_;
    PacingOverride pacing_;
    std::size_t sequence_pos_ = 0;
    std::size_t sequence_used_ = 0;  // uses of sequence_[sequence_pos_]
    std::vector<std::size_t> replies_used_;
};

/// "*" matches anything, "abc*" any value starting with "abc", else equality.
bool glob_match(std::string_view pattern, std::string_view value);

}  // namespace swarm::fake_llm
