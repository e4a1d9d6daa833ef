#include "http/dto/compat_json.hpp"

#include "codec/brief_json.hpp"
#include "codec/item_json.hpp"
#include "codec/result_json.hpp"
#include "http/dto/brand_json.hpp"

#include <iterator>
#include <sstream>

#include <fmt/chrono.h>
#include <fmt/format.h>

namespace swarm::http::dto {
namespace {

using core::ErrorCode;
using nlohmann::json;

core::Result<std::string> required_string(const json& root, const char* key) {
    const auto it = root.find(key);
    if (it == root.end() || !it->is_string() || it->get<std::string>().empty()) {
        return core::fail(ErrorCode::kInvalidArgument, "is required: a non-empty string", key);
    }
    return it->get<std::string>();
}

}  // namespace

core::Result<CompatRequest> decode_compat_request(const json& root, core::BrandProfileStore* brands,
                                                  const core::WorkspaceId& workspace) {
    if (!root.is_object()) {
        return core::fail(ErrorCode::kInvalidArgument, "must be a JSON object", "body");
    }
    CompatRequest out;
    SWARM_TRY_ASSIGN(auto user, required_string(root, "user_id"));
    out.user_id = user;
    // One old client sent source_content instead of prompt.
    auto prompt = required_string(root, root.contains("prompt") ? "prompt" : "source_content");
    if (!prompt) {
        return core::fail(ErrorCode::kInvalidArgument, "is required: a non-empty string", "prompt");
    }
    json brief{{"prompt", *prompt}};
    brief["platforms"] = root.contains("platforms")
                             ? root["platforms"]
                             : json::array({"linkedin", "twitter", "pitch_deck"});
    if (root.contains("brand_profile_id") && !root["brand_profile_id"].is_null()) {
        if (!root["brand_profile_id"].is_string()) {
            return core::fail(ErrorCode::kInvalidArgument, "must be a string", "brand_profile_id");
        }
        SWARM_TRY_ASSIGN(brief["brand"], stored_brand(brands, workspace,
                                                      root["brand_profile_id"].get<std::string>(),
                                                      "brand_profile_id"));
        brief["brand_profile"] = root["brand_profile_id"];
    }
    out.brief_json = brief.dump();
    SWARM_TRY_ASSIGN(auto decoded, codec::decode_brief(out.brief_json));
    out.brief = std::move(decoded);
    return out;
}

std::string compat_content_text(const core::ContentItem& item) {
    if (!item.body.empty()) {
        return item.body;
    }
    std::string text;
    for (const auto& part : item.parts) {
        std::string block = part.title;
        for (const auto& bullet : part.bullets) {
            block += (block.empty() ? "- " : "\n- ") + bullet;
        }
        if (!part.body.empty()) {
            block += (block.empty() ? "" : "\n") + part.body;
        }
        text += (text.empty() ? "" : "\n\n") + block;
    }
    return text;
}

json encode_compat_item(const core::ItemRecord& record) {
    const auto stored = json::parse(record.item_json, nullptr, false);
    auto item = stored.is_discarded() ? core::Result<core::ContentItem>(core::ContentItem{})
                                      : codec::decode_item(stored);
    const auto parsed = item ? *item : core::ContentItem{};
    const auto content = compat_content_text(parsed);
    std::istringstream words(content);
    const auto word_count = std::distance(std::istream_iterator<std::string>(words),
                                          std::istream_iterator<std::string>());
    json media = json::array();
    for (const auto& m : parsed.media) {
        media.push_back(m.url);
    }
    return {{"id", record.id},
            {"platform", std::string(core::to_string(record.platform))},
            {"content", content},
            {"hashtags", parsed.hashtags},
            {"media_urls", std::move(media)},
            {"status", record.status},
            {"metadata",
             {{"job_id", record.job_id},
              {"word_count", word_count},
              {"character_count", content.size()},
              {"quality_score", record.score},
              {"version", record.version},
              {"generated_at", iso_timestamp(record.created_at)}}}};
}

json encode_compat_summary(const core::JobRecord& job, std::size_t delivered) {
    json missing = json::array();
    for (const auto platform : job.missing_platforms) {
        missing.push_back(std::string(core::to_string(platform)));
    }
    const auto requested = job.requested_platforms.size();
    const double score =
        requested == 0 ? 0.0 : static_cast<double>(delivered) / static_cast<double>(requested);
    return {{"job_id", job.id},
            {"status", std::string(core::to_string(job.status))},
            {"missing_platforms", std::move(missing)},
            {"completeness_score", score}};
}

json encode_compat_result(const core::JobRecord& job, const std::vector<core::ItemRecord>& items) {
    auto out = encode_compat_summary(job, items.size());
    json list = json::array();
    for (const auto& item : items) {
        list.push_back(encode_compat_item(item));
    }
    out["content_items"] = std::move(list);
    if (!job.error.empty()) {
        out["message"] = job.error;
    }
    return out;
}

json encode_compat_error(const core::Error& error) {
    return {{"type", "error"},
            {"error", codec::encode_error(error)["error"]},
            {"message", error.message},
            {"timestamp", iso_timestamp(std::chrono::system_clock::now())}};
}

std::string iso_timestamp(std::chrono::system_clock::time_point at) {
    const auto ms = std::chrono::floor<std::chrono::milliseconds>(at);
    return fmt::format("{:%Y-%m-%dT%H:%M:%S}Z", ms);
}

}  // namespace swarm::http::dto
