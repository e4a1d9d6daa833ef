#include "script.hpp"

#include <algorithm>
#include <cctype>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

namespace swarm::fake_llm {
namespace {

using nlohmann::json;
using Error = tl::unexpected<std::string>;

constexpr double kDefaultRetryAfterSeconds = 1.0;

tl::expected<std::optional<std::string>, std::string> optional_string(const json& entry,
                                                                      const char* key) {
    if (!entry.contains(key) || entry[key].is_null()) {
        return std::optional<std::string>{};
    }
    if (!entry[key].is_string()) {
        return Error(std::string(key) + " must be a string");
    }
    return std::optional<std::string>{entry[key].get<std::string>()};
}

tl::expected<Fault, std::string> parse_fault(const json& entry) {
    Fault fault;
    if (!entry.contains("fault")) {
        return fault;
    }
    if (!entry["fault"].is_string()) {
        return Error("fault must be a string");
    }
    fault.name = entry["fault"].get<std::string>();
    const auto& n = fault.name;
    if (n.size() == 3 &&
        std::all_of(n.begin(), n.end(), [](unsigned char c) { return std::isdigit(c) != 0; })) {
        fault.kind = FaultKind::kStatus;
        fault.status = std::stoi(n);
        if (fault.status < 400) {
            return Error("fault status must be 400..599: " + n);
        }
    } else if (n == "insufficient_quota") {
        fault.kind = FaultKind::kInsufficientQuota;
    } else if (n == "disconnect") {
        fault.kind = FaultKind::kDisconnect;
    } else if (n == "malformed_chunk") {
        fault.kind = FaultKind::kMalformedChunk;
    } else if (n == "bad_crc") {
        fault.kind = FaultKind::kBadCrc;
    } else if (n == "stall") {
        fault.kind = FaultKind::kStall;
    } else if (n == "mid_stream_error") {
        fault.kind = FaultKind::kMidStreamError;
    } else if (n == "malformed_base64") {
        fault.kind = FaultKind::kMalformedBase64;
    } else if (n == "not_image") {
        fault.kind = FaultKind::kNotImage;
    } else if (n == "oversize") {
        fault.kind = FaultKind::kOversize;
    } else if (n == "content_filter") {
        fault.kind = FaultKind::kContentFilter;
    } else {
        return Error("unknown fault: " + n);
    }
    if (entry.contains("after_tokens")) {
        if (!entry["after_tokens"].is_number_unsigned()) {
            return Error("after_tokens must be a non-negative integer");
        }
        fault.after_tokens = entry["after_tokens"].get<std::size_t>();
    }
    if (fault.status == 429) {
        fault.retry_after_s = kDefaultRetryAfterSeconds;
    }
    if (entry.contains("retry_after")) {
        const auto& value = entry["retry_after"];
        if (value.is_boolean() && !value.get<bool>()) {
            fault.retry_after_s.reset();
        } else if (value.is_number() && value.get<double>() >= 0) {
            fault.retry_after_s = value.get<double>();
        } else {
            return Error("retry_after must be a non-negative number or false");
        }
    }
    return fault;
}

tl::expected<std::string, std::string> read_text_file(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        return Error("cannot read text_file " + path.string());
    }
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

tl::expected<void, std::string> parse_pacing(const json& entry,
                                             std::optional<std::chrono::milliseconds>& ttft,
                                             std::optional<double>& tokens_per_second) {
    if (entry.contains("ttft_ms")) {
        if (!entry["ttft_ms"].is_number_unsigned()) {
            return Error("ttft_ms must be a non-negative integer");
        }
        ttft = std::chrono::milliseconds(entry["ttft_ms"].get<std::int64_t>());
    }
    if (entry.contains("tokens_per_second")) {
        if (!entry["tokens_per_second"].is_number() ||
            entry["tokens_per_second"].get<double>() < 0) {
            return Error("tokens_per_second must be a non-negative number");
        }
        tokens_per_second = entry["tokens_per_second"].get<double>();
    }
    return {};
}

tl::expected<std::optional<std::string>, std::string> parse_text(
    const json& entry, const std::filesystem::path& base_dir) {
    if (entry.contains("text_file")) {
        if (!entry["text_file"].is_string()) {
            return Error("text_file must be a string");
        }
        return read_text_file(base_dir / entry["text_file"].get<std::string>())
            .map([](std::string s) { return std::optional<std::string>(std::move(s)); });
    }
    if (entry.contains("json")) {  // a structured-output reply, written as JSON in the script
        return std::optional<std::string>(entry["json"].dump());
    }
    return optional_string(entry, "text");
}

tl::expected<ReplySpec, std::string> parse_entry(const json& entry,
                                                 const std::filesystem::path& base_dir) {
    if (!entry.is_object()) {
        return Error("an entry must be an object");
    }
    ReplySpec spec;
    for (auto [key, field] :
         {std::pair{"agent", &spec.agent}, std::pair{"contains", &spec.contains},
          std::pair{"provider", &spec.provider}, std::pair{"model", &spec.model},
          std::pair{"kind", &spec.kind}, std::pair{"image_as", &spec.image_as}}) {
        auto value = optional_string(entry, key);
        if (!value) {
            return Error(value.error());
        }
        *field = std::move(*value);
    }
    if (spec.provider && *spec.provider != "openai" && *spec.provider != "anthropic" &&
        *spec.provider != "bedrock") {
        return Error("provider must be openai, anthropic or bedrock");
    }
    if (spec.kind && *spec.kind != "text" && *spec.kind != "image") {
        return Error("kind must be text or image");
    }
    if (spec.image_as && *spec.image_as != "url" && *spec.image_as != "b64_json") {
        return Error("image_as must be url or b64_json");
    }
    auto text = parse_text(entry, base_dir);
    auto fault = parse_fault(entry);
    if (!text || !fault) {
        return Error(!text ? text.error() : fault.error());
    }
    spec.text = std::move(*text);
    spec.fault = std::move(*fault);
    if (auto pacing = parse_pacing(entry, spec.ttft, spec.tokens_per_second); !pacing) {
        return Error(pacing.error());
    }
    const auto finish = entry.value("finish", std::string("stop"));
    if (finish != "stop" && finish != "length") {
        return Error("finish must be stop or length");
    }
    spec.finish_length = finish == "length";
    spec.tool_calls = entry.value("tool_calls", false);
    if (entry.contains("times")) {
        if (!entry["times"].is_number_unsigned()) {
            return Error("times must be a non-negative integer");
        }
        spec.times = entry["times"].get<std::size_t>();
    }
    return spec;
}

tl::expected<std::vector<ReplySpec>, std::string> parse_list(
    const json& root, const char* key, const std::filesystem::path& base_dir) {
    std::vector<ReplySpec> out;
    if (!root.contains(key)) {
        return out;
    }
    if (!root[key].is_array()) {
        return Error(std::string(key) + " must be an array");
    }
    for (std::size_t i = 0; i < root[key].size(); ++i) {
        auto spec = parse_entry(root[key][i], base_dir);
        if (!spec) {
            return Error(std::string(key) + "[" + std::to_string(i) + "]: " + spec.error());
        }
        out.push_back(std::move(*spec));
    }
    return out;
}

bool matches(const ReplySpec& spec, const MatchInput& in) {
    const bool image_only = is_image_fault(spec.fault.kind) || spec.image_as.has_value();
    if (image_only && in.kind != "image") {
        return false;
    }
    return (!spec.kind || *spec.kind == in.kind) &&
           (!spec.agent || glob_match(*spec.agent, in.agent)) &&
           (!spec.model || glob_match(*spec.model, in.model)) &&
           (!spec.provider || *spec.provider == provider_name(in.provider)) &&
           (!spec.contains || in.prompt.find(*spec.contains) != std::string_view::npos);
}

}  // namespace

bool is_image_fault(FaultKind kind) {
    return kind == FaultKind::kMalformedBase64 || kind == FaultKind::kNotImage ||
           kind == FaultKind::kOversize || kind == FaultKind::kContentFilter;
}

std::string_view provider_name(Provider provider) {
    switch (provider) {
        case Provider::kOpenAi:
            return "openai";
        case Provider::kAnthropic:
            return "anthropic";
        case Provider::kBedrock:
            return "bedrock";
    }
    return "unknown";
}

bool glob_match(std::string_view pattern, std::string_view value) {
    if (!pattern.empty() && pattern.back() == '*') {
        return value.substr(0, pattern.size() - 1) == pattern.substr(0, pattern.size() - 1);
    }
    return pattern == value;
}

tl::expected<Script, std::string> parse_script(const json& root,
                                               const std::filesystem::path& base_dir) {
    if (!root.is_object()) {
        return Error("the script must be a JSON object");
    }
    Script script;
    if (root.contains("defaults")) {
        const auto& d = root["defaults"];
        if (!d.is_object()) {
            return Error("defaults must be an object");
        }
        std::optional<std::chrono::milliseconds> ttft;
        std::optional<double> rate;
        if (auto pacing = parse_pacing(d, ttft, rate); !pacing) {
            return Error("defaults: " + pacing.error());
        }
        auto text = parse_text(d, base_dir);
        if (!text) {
            return Error("defaults: " + text.error());
        }
        script.defaults.ttft = ttft.value_or(script.defaults.ttft);
        script.defaults.tokens_per_second = rate.value_or(0.0);
        script.defaults.text = text->value_or(script.defaults.text);
    }
    auto sequence = parse_list(root, "sequence", base_dir);
    auto replies = parse_list(root, "replies", base_dir);
    if (!sequence || !replies) {
        return Error(!sequence ? sequence.error() : replies.error());
    }
    script.sequence = std::move(*sequence);
    script.replies = std::move(*replies);
    if (root.contains("models")) {
        if (!root["models"].is_array()) {
            return Error("models must be an array of strings");
        }
        for (const auto& m : root["models"]) {
            if (!m.is_string()) {
                return Error("models must be an array of strings");
            }
            script.models.push_back(m.get<std::string>());
        }
    }
    return script;
}

tl::expected<Script, std::string> load_script(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) {
        return Error("cannot read script " + file.string());
    }
    auto root = json::parse(in, nullptr, false);
    if (root.is_discarded()) {
        return Error("script " + file.string() + " is not valid JSON");
    }
    return parse_script(root, file.parent_path());
}

ScriptBook::ScriptBook(Script script, PacingOverride pacing)
    : script_(std::move(script)), pacing_(pacing), replies_used_(script_.replies.size(), 0) {}

Plan ScriptBook::plan_for(const ReplySpec& spec, std::string source) const {
    Plan plan;
    plan.text = spec.text.value_or(script_.defaults.text);
    plan.fault = spec.fault;
    plan.ttft = spec.ttft.value_or(pacing_.ttft.value_or(script_.defaults.ttft));
    plan.tokens_per_second = spec.tokens_per_second.value_or(
        pacing_.tokens_per_second.value_or(script_.defaults.tokens_per_second));
    plan.finish_length = spec.finish_length;
    plan.tool_calls = spec.tool_calls;
    plan.image_as = spec.image_as;
    plan.source = std::move(source);
    return plan;
}

Plan ScriptBook::choose(const MatchInput& input) {
    const std::lock_guard lock(mutex_);
    if (sequence_pos_ < script_.sequence.size()) {
        const auto& spec = script_.sequence[sequence_pos_];
        if (matches(spec, input)) {
            auto plan = plan_for(spec, "sequence[" + std::to_string(sequence_pos_) + "]");
            if (++sequence_used_ >= spec.times.value_or(1)) {
                ++sequence_pos_;
                sequence_used_ = 0;
            }
            return plan;
        }
    }
    for (std::size_t i = 0; i < script_.replies.size(); ++i) {
        const auto& spec = script_.replies[i];
        if ((spec.times && replies_used_[i] >= *spec.times) || !matches(spec, input)) {
            continue;
        }
        ++replies_used_[i];
        return plan_for(spec, "replies[" + std::to_string(i) + "]");
    }
    return plan_for(ReplySpec{}, "defaults");
}

void ScriptBook::replace(Script script) {
    const std::lock_guard lock(mutex_);
    script_ = std::move(script);
    replies_used_.assign(script_.replies.size(), 0);
    sequence_pos_ = 0;
    sequence_used_ = 0;
}

void ScriptBook::reset_counters() {
    const std::lock_guard lock(mutex_);
    replies_used_.assign(script_.replies.size(), 0);
    sequence_pos_ = 0;
    sequence_used_ = 0;
}

std::vector<std::string> ScriptBook::models() const {
    const std::lock_guard lock(mutex_);
    std::vector<std::string> out = script_.models;
    for (const auto* list : {&script_.sequence, &script_.replies}) {
        for (const auto& spec : *list) {
            if (spec.model && spec.model->find('*') == std::string::npos) {
                out.push_back(*spec.model);
            }
        }
    }
    if (out.empty()) {
        out.emplace_back("fake-model");
    }
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

}  // namespace swarm::fake_llm
